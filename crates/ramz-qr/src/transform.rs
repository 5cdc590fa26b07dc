//! Plane projective transforms (homographies) between a quadrilateral in
//! the image and the square grid of modules.

/// A point in pixels (or modules).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Horizontal coordinate.
    pub x: f32,
    /// Vertical coordinate.
    pub y: f32,
}

impl Point {
    pub(crate) fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    pub(crate) fn distance(self, other: Self) -> f32 {
        ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()
    }
}

/// `[a11 a21 a31; a12 a22 a32; a13 a23 a33]` as in ZXing's
/// `PerspectiveTransform`: maps `(u, v)` to `(x, y)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Homography {
    m: [f64; 9],
}

impl Homography {
    /// Maps the unit square's corners (0,0),(1,0),(1,1),(0,1) to `q`.
    fn square_to_quad(q: [Point; 4]) -> Self {
        let [p0, p1, p2, p3] = q.map(|p| (f64::from(p.x), f64::from(p.y)));
        let dx3 = p0.0 - p1.0 + p2.0 - p3.0;
        let dy3 = p0.1 - p1.1 + p2.1 - p3.1;
        if dx3.abs() < 1e-9 && dy3.abs() < 1e-9 {
            Self {
                m: [
                    p1.0 - p0.0,
                    p2.0 - p1.0,
                    p0.0,
                    p1.1 - p0.1,
                    p2.1 - p1.1,
                    p0.1,
                    0.0,
                    0.0,
                    1.0,
                ],
            }
        } else {
            let dx1 = p1.0 - p2.0;
            let dx2 = p3.0 - p2.0;
            let dy1 = p1.1 - p2.1;
            let dy2 = p3.1 - p2.1;
            let den = dx1 * dy2 - dx2 * dy1;
            let a13 = (dx3 * dy2 - dx2 * dy3) / den;
            let a23 = (dx1 * dy3 - dx3 * dy1) / den;
            Self {
                m: [
                    p1.0 - p0.0 + a13 * p1.0,
                    p3.0 - p0.0 + a23 * p3.0,
                    p0.0,
                    p1.1 - p0.1 + a13 * p1.1,
                    p3.1 - p0.1 + a23 * p3.1,
                    p0.1,
                    a13,
                    a23,
                    1.0,
                ],
            }
        }
    }

    /// The inverse (adjugate; scale does not matter for a homography).
    fn adjoint(&self) -> Self {
        let [a, b, c, d, e, f, g, h, i] = self.m;
        Self {
            m: [
                e * i - f * h,
                c * h - b * i,
                b * f - c * e,
                f * g - d * i,
                a * i - c * g,
                c * d - a * f,
                d * h - e * g,
                b * g - a * h,
                a * e - b * d,
            ],
        }
    }

    fn then(&self, next: &Self) -> Self {
        let a = &next.m;
        let b = &self.m;
        let mut m = [0.0; 9];
        for r in 0..3 {
            for c in 0..3 {
                m[r * 3 + c] = (0..3).map(|k| a[r * 3 + k] * b[k * 3 + c]).sum();
            }
        }
        Self { m }
    }

    /// The transform taking each `from[i]` to `to[i]`.
    pub(crate) fn quad_to_quad(from: [Point; 4], to: [Point; 4]) -> Self {
        let from_square = Self::square_to_quad(from).adjoint();
        let to_quad = Self::square_to_quad(to);
        from_square.then(&to_quad)
    }

    /// Maps one point; `None` at the line at infinity.
    pub(crate) fn map(&self, x: f32, y: f32) -> Option<Point> {
        let (x, y) = (f64::from(x), f64::from(y));
        let m = &self.m;
        let den = m[6] * x + m[7] * y + m[8];
        if den.abs() < 1e-12 {
            return None;
        }
        let px = (m[0] * x + m[1] * y + m[2]) / den;
        let py = (m[3] * x + m[4] * y + m[5]) / den;
        (px.is_finite() && py.is_finite()).then(|| Point::new(px as f32, py as f32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_corners() {
        let from = [
            Point::new(0.0, 0.0),
            Point::new(10.0, 0.0),
            Point::new(10.0, 10.0),
            Point::new(0.0, 10.0),
        ];
        let to = [
            Point::new(5.0, 7.0),
            Point::new(50.0, 3.0),
            Point::new(60.0, 80.0),
            Point::new(2.0, 70.0),
        ];
        let h = Homography::quad_to_quad(from, to);
        for (f, t) in from.iter().zip(to.iter()) {
            let p = h.map(f.x, f.y).unwrap();
            assert!(p.distance(*t) < 1e-3, "{p:?} vs {t:?}");
        }
    }
}
