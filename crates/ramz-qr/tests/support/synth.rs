//! Synthetic camera frames with QR codes, for tests and the benchmark.
//!
//! Everything is derived from one seed, so a corpus is reproducible
//! bit for bit: payload, placement, rotation, perspective, blur, noise,
//! lighting, JPEG artefacts, inversion, clutter.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::needless_range_loop
)]

use ramz_qr::render::{Correction, Matrix};

/// SplitMix64: tiny, good enough for test scenes, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }
    pub fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.unit()
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn gauss(&mut self) -> f32 {
        let u1 = self.unit().max(1e-7);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f32::consts::PI * u2).cos()
    }
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }
}

/// Difficulty buckets of the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    Clean,
    Rotated,
    Tilted,
    BlurNoise,
    DimUneven,
    Jpeg,
    Inverted,
    Cluttered,
    Small,
    Multi,
    NoCode,
}

impl Bucket {
    pub const ALL: [Bucket; 11] = [
        Bucket::Clean,
        Bucket::Rotated,
        Bucket::Tilted,
        Bucket::BlurNoise,
        Bucket::DimUneven,
        Bucket::Jpeg,
        Bucket::Inverted,
        Bucket::Cluttered,
        Bucket::Small,
        Bucket::Multi,
        Bucket::NoCode,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Bucket::Clean => "clean",
            Bucket::Rotated => "rotated",
            Bucket::Tilted => "tilted",
            Bucket::BlurNoise => "blur_noise",
            Bucket::DimUneven => "dim_uneven",
            Bucket::Jpeg => "jpeg",
            Bucket::Inverted => "inverted",
            Bucket::Cluttered => "cluttered",
            Bucket::Small => "small",
            Bucket::Multi => "multi",
            Bucket::NoCode => "no_code",
        }
    }
}

pub const SIZES: [(usize, usize); 3] = [(640, 480), (1280, 720), (1920, 1080)];

/// One generated frame and what is in it.
pub struct Scene {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
    pub payloads: Vec<String>,
    pub bucket: Bucket,
}

const B32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(B32[((acc >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(B32[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

fn b64url(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

const BANKS: [&str; 6] = [
    "Bank Melli",
    "Bank Mellat",
    "Saderat",
    "Tejarat",
    "Pasargad",
    "Saman",
];

/// A 60-second bank URI, an 8-digit SHA-256 URI, a migration batch or a
/// bank activation offer. `short` avoids the long migration batches.
pub fn payload(rng: &mut Rng, short: bool) -> String {
    let kind = if short { rng.below(3) } else { rng.below(4) };
    match kind {
        0 => {
            let bank = BANKS[rng.below(BANKS.len())].replace(' ', "%20");
            let card: String = (0..16)
                .map(|_| char::from(b'0' + rng.below(10) as u8))
                .collect();
            format!(
                "otpauth://totp/{bank}:{card}?secret={}&issuer={bank}&period=60&digits={}",
                base32(&rng.bytes(20)),
                if rng.below(2) == 0 { 6 } else { 8 }
            )
        }
        1 => format!(
            "otpauth://totp/Nobitex:user{}%40example.com?secret={}&issuer=Nobitex&algorithm=SHA256&digits=8",
            rng.below(100_000),
            base32(&rng.bytes(32))
        ),
        2 => format!(
            "ramz://activate?v=1&url=https%3A%2F%2Fotp.bank.example%2Fapi&sid={}&spk={}&exp={}&bank={}",
            b64url(&rng.bytes(16)),
            b64url(&rng.bytes(32)),
            1_750_000_000 + rng.below(10_000_000),
            BANKS[rng.below(BANKS.len())].replace(' ', "%20")
        ),
        _ => migration(rng),
    }
}

fn migration(rng: &mut Rng) -> String {
    use ramz_otp::{OtpAccount, OtpParams, Secret};
    let n = 1 + rng.below(10);
    let accounts: Vec<OtpAccount> = (0..n)
        .map(|i| OtpAccount {
            issuer: ["GitHub", "Google", "Nobitex", "Binance", "Microsoft"][rng.below(5)]
                .to_owned(),
            account: format!("user{i}.{}@example.com", rng.below(10_000)),
            secret: Secret::from_bytes(rng.bytes(20)).unwrap(),
            params: OtpParams::default_totp(),
            image: None,
        })
        .collect();
    let report = ramz_otp::migration::encode(&accounts, rng.below(1 << 30) as i32);
    report.uris[0].to_string()
}

/// Maps frame pixel → code module coordinates (inverse homography of the
/// code's placement), the code being `side` modules wide with quiet zone.
struct Placement {
    inv: [f64; 9],
    bbox: (usize, usize, usize, usize),
}

fn homography(from: [(f64, f64); 4], to: [(f64, f64); 4]) -> [f64; 9] {
    // Solve the 8x8 system directly (Gaussian elimination).
    let mut a = [[0f64; 9]; 8];
    for i in 0..4 {
        let (x, y) = from[i];
        let (u, v) = to[i];
        a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
        a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
    }
    for c in 0..8 {
        let p = (c..8)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap();
        a.swap(c, p);
        for r in 0..8 {
            if r != c {
                let f = a[r][c] / a[c][c];
                for k in c..9 {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
    }
    let mut h = [0f64; 9];
    for i in 0..8 {
        h[i] = a[i][8] / a[i][i];
    }
    h[8] = 1.0;
    h
}

fn apply(h: &[f64; 9], x: f64, y: f64) -> (f64, f64) {
    let d = h[6] * x + h[7] * y + h[8];
    (
        (h[0] * x + h[1] * y + h[2]) / d,
        (h[3] * x + h[4] * y + h[5]) / d,
    )
}

/// Parameters of one code's appearance.
pub struct Look {
    pub center: (f32, f32),
    /// Side of the code with quiet zone, in pixels.
    pub side_px: f32,
    pub angle_deg: f32,
    /// Corner displacement as a fraction of the side (perspective).
    pub tilt: f32,
    pub inverted: bool,
    pub dark: f32,
    pub light: f32,
}

/// Draws `matrix` into `frame` with `look`; returns nothing, mutates.
pub fn draw_code(
    frame: &mut [f32],
    w: usize,
    h: usize,
    matrix: &Matrix,
    look: &Look,
    rng: &mut Rng,
) {
    let side = matrix.side_with_quiet_zone() as f64;
    let (cx, cy) = (f64::from(look.center.0), f64::from(look.center.1));
    let half = f64::from(look.side_px) / 2.0;
    let a = f64::from(look.angle_deg).to_radians();
    let (s, c) = a.sin_cos();
    let mut corners = [(-half, -half), (half, -half), (half, half), (-half, half)]
        .map(|(x, y)| (cx + x * c - y * s, cy + x * s + y * c));
    let t = f64::from(look.tilt) * f64::from(look.side_px);
    for p in &mut corners {
        p.0 += t * f64::from(rng.range(-1.0, 1.0));
        p.1 += t * f64::from(rng.range(-1.0, 1.0));
    }
    let inv = homography(
        corners,
        [(0.0, 0.0), (side, 0.0), (side, side), (0.0, side)],
    );
    let minx = corners
        .iter()
        .map(|p| p.0)
        .fold(f64::MAX, f64::min)
        .max(0.0) as usize;
    let maxx = (corners.iter().map(|p| p.0).fold(f64::MIN, f64::max).ceil() as usize).min(w);
    let miny = corners
        .iter()
        .map(|p| p.1)
        .fold(f64::MAX, f64::min)
        .max(0.0) as usize;
    let maxy = (corners.iter().map(|p| p.1).fold(f64::MIN, f64::max).ceil() as usize).min(h);
    let q = matrix.side_with_quiet_zone();
    let offs = [0.25, 0.75];
    for y in miny..maxy {
        for x in minx..maxx {
            let mut acc = 0.0f32;
            let mut inside = 0;
            for oy in offs {
                for ox in offs {
                    let (u, v) = apply(&inv, x as f64 + ox, y as f64 + oy);
                    if u < 0.0 || v < 0.0 || u >= side || v >= side {
                        continue;
                    }
                    inside += 1;
                    let (mu, mv) = (u as usize, v as usize);
                    let dark =
                        mu >= 4 && mv >= 4 && mu < q && mv < q && matrix.is_dark(mu - 4, mv - 4);
                    let dark = dark != look.inverted;
                    acc += if dark { look.dark } else { look.light };
                }
            }
            if inside > 0 {
                let bg = frame[y * w + x];
                frame[y * w + x] = (acc + bg * (4 - inside) as f32) / 4.0;
            }
        }
    }
}

fn background(w: usize, h: usize, rng: &mut Rng, clutter: usize) -> Vec<f32> {
    let base = rng.range(90.0, 200.0);
    let gx = rng.range(-60.0, 60.0) / w as f32;
    let gy = rng.range(-60.0, 60.0) / h as f32;
    let mut f: Vec<f32> = (0..w * h)
        .map(|i| base + gx * (i % w) as f32 + gy * (i / w) as f32)
        .collect();
    for _ in 0..clutter {
        let kind = rng.below(4);
        let rw = rng.range(10.0, w as f32 / 3.0) as usize;
        let rh = rng.range(10.0, h as f32 / 3.0) as usize;
        let x0 = rng.below(w.saturating_sub(rw).max(1));
        let y0 = rng.below(h.saturating_sub(rh).max(1));
        let v1 = rng.range(0.0, 255.0);
        let v2 = rng.range(0.0, 255.0);
        let period = rng.range(2.0, 14.0);
        for y in y0..(y0 + rh).min(h) {
            for x in x0..(x0 + rw).min(w) {
                let v = match kind {
                    0 => v1,
                    // Stripes and checkers: the things that fool finder
                    // searches (text, keyboards, tiles).
                    1 => {
                        if ((x as f32 / period) as usize) % 2 == 0 {
                            v1
                        } else {
                            v2
                        }
                    }
                    2 => {
                        if (((x as f32 / period) as usize) + ((y as f32 / period) as usize)) % 2
                            == 0
                        {
                            v1
                        } else {
                            v2
                        }
                    }
                    _ => {
                        let dx = x as f32 - (x0 + rw / 2) as f32;
                        let dy = y as f32 - (y0 + rh / 2) as f32;
                        if ((dx * dx + dy * dy).sqrt() / period) as usize % 2 == 0 {
                            v1
                        } else {
                            v2
                        }
                    }
                };
                f[y * w + x] = v;
            }
        }
    }
    f
}

fn box_blur(f: &mut [f32], w: usize, h: usize, r: usize) {
    if r == 0 {
        return;
    }
    let mut tmp = vec![0f32; f.len()];
    let n = (2 * r + 1) as f32;
    for y in 0..h {
        let row = &f[y * w..(y + 1) * w];
        let mut s: f32 = (0..=r).map(|i| row[i.min(w - 1)]).sum::<f32>() + row[0] * r as f32;
        for x in 0..w {
            tmp[y * w + x] = s / n;
            s += row[(x + r + 1).min(w - 1)] - row[x.saturating_sub(r)];
        }
    }
    for x in 0..w {
        let mut s: f32 =
            (0..=r).map(|i| tmp[i.min(h - 1) * w + x]).sum::<f32>() + tmp[x] * r as f32;
        for y in 0..h {
            f[y * w + x] = s / n;
            s += tmp[(y + r + 1).min(h - 1) * w + x] - tmp[y.saturating_sub(r) * w + x];
        }
    }
}

fn jpeg_roundtrip(px: &[u8], w: usize, h: usize, quality: u8) -> Vec<u8> {
    let mut buf = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut buf, quality)
        .encode(px, w as u32, h as u32, image::ExtendedColorType::L8)
        .unwrap();
    image::load_from_memory_with_format(&buf, image::ImageFormat::Jpeg)
        .unwrap()
        .into_luma8()
        .into_raw()
}

/// Generates the scene for `bucket` at `(w, h)` from `seed`.
pub fn scene(bucket: Bucket, w: usize, h: usize, seed: u64) -> Scene {
    let mut rng = Rng::new(seed ^ (w as u64) << 32 ^ bucket as u64);
    let clutter = match bucket {
        Bucket::Cluttered => 25 + rng.below(20),
        Bucket::NoCode => rng.below(30),
        _ => rng.below(4),
    };
    let mut f = background(w, h, &mut rng, clutter);
    let n_codes = match bucket {
        Bucket::NoCode => 0,
        Bucket::Multi => 2,
        _ => 1,
    };
    let mut payloads = Vec::new();
    let short_side = w.min(h) as f32;
    for i in 0..n_codes {
        let short = matches!(bucket, Bucket::Small | Bucket::Multi);
        let text = payload(&mut rng, short);
        let matrix = Matrix::encode(&text, Correction::Medium).unwrap();
        let modules = matrix.side_with_quiet_zone() as f32;
        let side_px = match bucket {
            // ~15% of the frame's area.
            Bucket::Small => (0.15 * (w * h) as f32).sqrt() * rng.range(0.9, 1.1),
            Bucket::Multi => short_side * rng.range(0.38, 0.45),
            _ => short_side * rng.range(0.5, 0.85),
        }
        .max(modules * 2.2);
        let angle = match bucket {
            Bucket::Rotated => rng.range(-45.0, 45.0),
            Bucket::Tilted => rng.range(-15.0, 15.0),
            _ => rng.range(-8.0, 8.0),
        };
        let tilt = match bucket {
            Bucket::Tilted => rng.range(0.06, 0.12),
            _ => rng.range(0.0, 0.02),
        };
        let half = side_px * (1.0 + 2.0 * tilt) * 0.72;
        let center = if bucket == Bucket::Multi {
            let x = if i == 0 {
                w as f32 * 0.27
            } else {
                w as f32 * 0.73
            };
            (x, h as f32 * rng.range(0.4, 0.6))
        } else {
            (
                rng.range(half, (w as f32 - half).max(half + 1.0)),
                rng.range(half, (h as f32 - half).max(half + 1.0)),
            )
        };
        let look = Look {
            center,
            side_px,
            angle_deg: angle,
            tilt,
            inverted: bucket == Bucket::Inverted,
            dark: rng.range(10.0, 60.0),
            light: rng.range(190.0, 250.0),
        };
        draw_code(&mut f, w, h, &matrix, &look, &mut rng);
        payloads.push(text);
    }
    // Optics and sensor.
    let blur = match bucket {
        Bucket::BlurNoise => 1 + rng.below(2),
        _ => rng.below(2),
    };
    box_blur(&mut f, w, h, blur);
    if bucket == Bucket::BlurNoise {
        box_blur(&mut f, w, h, blur);
    }
    let (gain, grad) = match bucket {
        Bucket::DimUneven => (rng.range(0.25, 0.5), rng.range(0.4, 0.8)),
        _ => (rng.range(0.85, 1.1), rng.range(0.0, 0.2)),
    };
    let noise = match bucket {
        Bucket::BlurNoise => rng.range(8.0, 16.0),
        Bucket::DimUneven => rng.range(3.0, 6.0),
        _ => rng.range(1.0, 4.0),
    };
    let lx = rng.range(0.0, w as f32);
    let ly = rng.range(0.0, h as f32);
    let diag = ((w * w + h * h) as f32).sqrt();
    let mut px = vec![0u8; w * h];
    for y in 0..h {
        for x in 0..w {
            let d = ((x as f32 - lx).powi(2) + (y as f32 - ly).powi(2)).sqrt() / diag;
            let light = gain * (1.0 - grad * d);
            let v = f[y * w + x] * light + noise * rng.gauss();
            px[y * w + x] = v.clamp(0.0, 255.0) as u8;
        }
    }
    let quality = match bucket {
        Bucket::Jpeg => Some(rng.range(15.0, 35.0) as u8),
        _ => (rng.below(3) == 0).then(|| rng.range(60.0, 90.0) as u8),
    };
    if let Some(q) = quality {
        px = jpeg_roundtrip(&px, w, h, q);
    }
    Scene {
        width: w,
        height: h,
        pixels: px,
        payloads,
        bucket,
    }
}
