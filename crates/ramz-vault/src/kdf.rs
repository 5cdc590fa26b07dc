//! Argon2id parameters: defaults for phones, the floor below which a file
//! is refused, and bounds against absurd values in a crafted file.

use argon2::{Algorithm, Argon2, Params, Version};
use zeroize::Zeroizing;

use crate::VaultError;
use crate::crypto::{KEY_LEN, Key, SALT_LEN};

/// Argon2id (version 0x13) cost parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KdfParams {
    /// Memory in KiB (Argon2 `m`).
    pub memory_kib: u32,
    /// Passes over memory (Argon2 `t`).
    pub iterations: u32,
    /// Lanes (Argon2 `p`). Computed sequentially by this crate, so a larger
    /// value does not make unlocking faster here; it is stored so that other
    /// implementations derive the same key.
    pub parallelism: u32,
}

impl KdfParams {
    /// Defaults for new vaults: 64 MiB, 3 passes, 1 lane. Measured in the
    /// crate README (about 0.3 s on a shared desktop core, within 1.1x of
    /// argon2-cffi; phones 2-3x slower).
    pub const DEFAULT: Self = Self {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 1,
    };

    /// Nothing weaker is opened: OWASP's minimum for Argon2id
    /// (19 MiB, 2 passes, 1 lane).
    pub const FLOOR: Self = Self {
        memory_kib: 19 * 1024,
        iterations: 2,
        parallelism: 1,
    };

    /// The default most-costly parameters a file may ask for: twice the
    /// defaults. A file that asks for more is refused as damaged before any
    /// work ([`crate::VaultConfig::kdf_max`]).
    pub const DEFAULT_MAX: Self = Self {
        memory_kib: 2 * 64 * 1024,
        iterations: 2 * 3,
        parallelism: 2,
    };

    /// What no configuration can raise the maximum above: 256 MiB, 8
    /// passes, 4 lanes.
    pub const HARD_MAX: Self = Self {
        memory_kib: 256 * 1024,
        iterations: 8,
        parallelism: 4,
    };

    /// Tiny parameters for tests only (64 KiB, 1 pass). Opening a file
    /// made with them needs [`crate::VaultConfig::insecure_for_tests`].
    pub const fn for_tests() -> Self {
        Self {
            memory_kib: 64,
            iterations: 1,
            parallelism: 1,
        }
    }

    /// True when every cost is at least the floor's.
    pub fn meets(&self, floor: &Self) -> bool {
        self.memory_kib >= floor.memory_kib
            && self.iterations >= floor.iterations
            && self.parallelism >= 1
    }

    /// `max`, lowered where it exceeds [`KdfParams::HARD_MAX`].
    pub fn capped(&self) -> Self {
        Self {
            memory_kib: self.memory_kib.min(Self::HARD_MAX.memory_kib),
            iterations: self.iterations.min(Self::HARD_MAX.iterations),
            parallelism: self.parallelism.min(Self::HARD_MAX.parallelism),
        }
    }

    /// Checks the maximum (capped by [`KdfParams::HARD_MAX`]) and the
    /// floor. Costs nothing: run it before any keystore call or Argon2.
    pub(crate) fn check(&self, floor: &Self, max: &Self) -> Result<(), VaultError> {
        let max = max.capped();
        if self.memory_kib > max.memory_kib
            || self.iterations > max.iterations
            || self.parallelism == 0
            || self.parallelism > max.parallelism
            || self.memory_kib < 8 * self.parallelism
        {
            return Err(VaultError::Malformed(
                "KDF parameters above the accepted maximum",
            ));
        }
        if !self.meets(floor) {
            return Err(VaultError::WeakKdf);
        }
        Ok(())
    }

    /// Argon2id(password, salt) with these parameters, 32 bytes out.
    pub(crate) fn derive(&self, password: &[u8], salt: &[u8; SALT_LEN]) -> Result<Key, VaultError> {
        let params = Params::new(
            self.memory_kib,
            self.iterations,
            self.parallelism,
            Some(KEY_LEN),
        )
        .map_err(|_| VaultError::Malformed("KDF parameters out of range"))?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let mut out = Zeroizing::new([0u8; KEY_LEN]);
        argon
            .hash_password_into(password, salt, out.as_mut())
            .map_err(|_| VaultError::Internal("argon2 failed"))?;
        Ok(out)
    }

    /// Runs Argon2id once with these parameters on fixed inputs. For
    /// benchmarks comparing against other implementations.
    pub fn bench_once(
        &self,
        password: &[u8],
        salt: &[u8; SALT_LEN],
    ) -> Result<[u8; KEY_LEN], VaultError> {
        Ok(*self.derive(password, salt)?)
    }
}

impl Default for KdfParams {
    fn default() -> Self {
        Self::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_argon2_cffi() {
        // Cross-checked with argon2-cffi: hash_secret_raw(b"password",
        // b"somesaltsomesalt", 1, 64, 1, 32, Type.ID).
        let p = KdfParams::for_tests();
        let out = p.derive(b"password", b"somesaltsomesalt").unwrap();
        let hex: String = out.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "e793d64ef75d58f503d4631b2b149f7f80127c5f3993d89b1c9b781e51d0b413"
        );
        let other = p.derive(b"passwore", b"somesaltsomesalt").unwrap();
        assert_ne!(*out, *other);
    }

    #[test]
    fn floor_and_bounds() {
        let check = |k: KdfParams| k.check(&KdfParams::FLOOR, &KdfParams::DEFAULT_MAX);
        assert!(check(KdfParams::DEFAULT).is_ok());
        assert!(check(KdfParams::DEFAULT_MAX).is_ok());
        for over in [
            KdfParams {
                memory_kib: KdfParams::DEFAULT_MAX.memory_kib + 1,
                ..KdfParams::DEFAULT
            },
            KdfParams {
                iterations: 7,
                ..KdfParams::DEFAULT
            },
            KdfParams {
                parallelism: 3,
                ..KdfParams::DEFAULT
            },
        ] {
            assert!(matches!(check(over), Err(VaultError::Malformed(_))));
        }
        // A configured maximum above the hard cap is capped.
        let huge_max = KdfParams {
            memory_kib: u32::MAX,
            iterations: u32::MAX,
            parallelism: u32::MAX,
        };
        let m257 = KdfParams {
            memory_kib: 257 * 1024,
            ..KdfParams::DEFAULT
        };
        assert!(matches!(
            m257.check(&KdfParams::FLOOR, &huge_max),
            Err(VaultError::Malformed(_))
        ));
        let t9 = KdfParams {
            iterations: 9,
            ..KdfParams::DEFAULT
        };
        assert!(matches!(
            t9.check(&KdfParams::FLOOR, &huge_max),
            Err(VaultError::Malformed(_))
        ));
        assert!(matches!(
            check(KdfParams::for_tests()),
            Err(VaultError::WeakKdf)
        ));
        let weak_memory = KdfParams {
            memory_kib: 19 * 1024 - 1,
            ..KdfParams::FLOOR
        };
        assert!(matches!(check(weak_memory), Err(VaultError::WeakKdf)));
        let weak_passes = KdfParams {
            iterations: 1,
            ..KdfParams::DEFAULT
        };
        assert!(matches!(check(weak_passes), Err(VaultError::WeakKdf)));
        let huge = KdfParams {
            memory_kib: u32::MAX,
            ..KdfParams::DEFAULT
        };
        assert!(matches!(check(huge), Err(VaultError::Malformed(_))));
        let no_lanes = KdfParams {
            parallelism: 0,
            ..KdfParams::DEFAULT
        };
        assert!(matches!(check(no_lanes), Err(VaultError::Malformed(_))));
    }
}
