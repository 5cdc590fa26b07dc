"""Creates N privacyIDEA TOTP tokens (SHA1, 6 digits, 60 s) with random
seeds; writes 'serial hexseed' lines to the output file."""
import os, sys
from privacyidea.app import create_app
from privacyidea.lib.token.lifecycle import init_token

n, out = int(sys.argv[1]), sys.argv[2]
app = create_app(config_name="production", config_file=os.environ["PRIVACYIDEA_CONFIGFILE"], silent=True)
with app.app_context(), open(out, "w") as f:
    for i in range(n):
        seed = os.urandom(20).hex()
        serial = f"BENCH{i:07d}"
        init_token({"type": "totp", "serial": serial, "otpkey": seed, "genkey": 0,
                    "otplen": 6, "timeStep": 60, "hashlib": "sha1"})
        f.write(f"{serial} {seed}\n")
