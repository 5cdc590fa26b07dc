//! The fourth corner of a code from the outer edges of two finders.
//!
//! Three finder centres fix only an affine frame: under perspective the
//! parallelogram's fourth corner is off by modules, and a version 1 code
//! has no alignment pattern to correct it. The finders themselves show
//! the perspective: the outer edge of the top-right finder lies on the
//! code's right side, the outer edge of the bottom-left finder on its
//! bottom side, and the two lines meet at the bottom-right corner
//! (zxing-cpp finds the same corner from the finders' outlines). Each
//! edge is fitted through five points where rays across the finder leave
//! its outer dark ring. Bounded: ten rays of at most six modules.

use crate::gray::Bits;
use crate::transform::Point;

/// Rays per edge, at these offsets (in modules) across the finder.
const OFFSETS: [f32; 5] = [-2.0, -1.0, 0.0, 1.0, 2.0];
/// Edge points needed for a line.
const MIN_POINTS: usize = 4;
/// How far a ray may look, in modules (the edge is 3.5 out).
const REACH: f32 = 6.0;
/// Largest distance of an edge point from the fitted line, in modules.
const MAX_RESIDUAL: f32 = 0.6;

/// A line through `p` with unit direction `d`.
#[derive(Clone, Copy)]
struct Line {
    p: Point,
    d: Point,
}

/// The image position of the code's outer bottom-right corner (grid point
/// `(dim, dim)`), from finder centres `tl`, `tr`, `bl` and the module
/// size; `None` when an edge does not show clearly.
pub(crate) fn bottom_right(
    bits: &Bits,
    tl: Point,
    tr: Point,
    bl: Point,
    module: f32,
) -> Option<Point> {
    let ux = unit(tl, tr)?;
    let uy = unit(tl, bl)?;
    let right = edge(bits, tr, ux, uy, module)?;
    let bottom = edge(bits, bl, uy, ux, module)?;
    let corner = intersect(right, bottom)?;
    // The corner lies beyond both finders, not behind the top-left one.
    let v = Point::new(corner.x - tl.x, corner.y - tl.y);
    let along = |u: Point| v.x * u.x + v.y * u.y;
    let (w, h) = (tl.distance(tr), tl.distance(bl));
    if along(ux) < 0.5 * w || along(uy) < 0.5 * h || along(ux) > 3.0 * w || along(uy) > 3.0 * h {
        return None;
    }
    Some(corner)
}

fn unit(a: Point, b: Point) -> Option<Point> {
    let d = a.distance(b);
    (d >= 1.0).then(|| Point::new((b.x - a.x) / d, (b.y - a.y) / d))
}

/// The outer edge of the finder at `centre` on its `out` side, scanned by
/// rays along `out` spread along `across`.
fn edge(bits: &Bits, centre: Point, out: Point, across: Point, module: f32) -> Option<Line> {
    let mut points = [Point::new(0.0, 0.0); OFFSETS.len()];
    let mut n = 0;
    for k in OFFSETS {
        let start = Point::new(
            centre.x + k * module * across.x,
            centre.y + k * module * across.y,
        );
        if let Some(p) = ray_edge(bits, start, out, module) {
            points[n] = p;
            n += 1;
        }
    }
    if n < MIN_POINTS {
        return None;
    }
    let line = fit(&points[..n])?;
    // One stray point (a blot on the ring) may go; the rest must agree.
    let residual = |p: &Point| ((p.x - line.p.x) * line.d.y - (p.y - line.p.y) * line.d.x).abs();
    let good: Vec<Point> = points[..n]
        .iter()
        .copied()
        .filter(|p| residual(p) <= MAX_RESIDUAL * module)
        .collect();
    if good.len() < MIN_POINTS {
        return None;
    }
    fit(&good)
}

/// Where a ray from `start` (inside the finder) leaves its outer dark
/// ring: the first dark-to-light step at least 2.2 modules out that stays
/// light for half a module. Nearer steps are the centre's edge; whether
/// the ray runs through the centre, the light ring or the dark ring, the
/// ring's outer edge is the first step past that distance.
fn ray_edge(bits: &Bits, start: Point, dir: Point, module: f32) -> Option<Point> {
    let at = |t: f32| bits.dark_at(start.x + dir.x * t, start.y + dir.y * t);
    let step = 0.5f32;
    let limit = REACH * module;
    let mut dark = at(0.0);
    let mut t = step;
    while t <= limit {
        let d = at(t);
        if dark && !d && t >= 2.2 * module && !at(t + 0.5 * module) {
            // The edge is half a step back.
            let e = t - step / 2.0;
            return Some(Point::new(start.x + dir.x * e, start.y + dir.y * e));
        }
        dark = d;
        t += step;
    }
    None
}

/// Least-squares line (principal axis) through `points`.
fn fit(points: &[Point]) -> Option<Line> {
    let n = points.len() as f32;
    if n < 2.0 {
        return None;
    }
    let cx = points.iter().map(|p| p.x).sum::<f32>() / n;
    let cy = points.iter().map(|p| p.y).sum::<f32>() / n;
    let (mut sxx, mut sxy, mut syy) = (0.0f32, 0.0f32, 0.0f32);
    for p in points {
        let (dx, dy) = (p.x - cx, p.y - cy);
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    let d = Point::new(angle.cos(), angle.sin());
    (sxx + syy > 0.0).then_some(Line {
        p: Point::new(cx, cy),
        d,
    })
}

fn intersect(a: Line, b: Line) -> Option<Point> {
    let det = a.d.x * b.d.y - a.d.y * b.d.x;
    // Nearly parallel edges (more than ~80 degrees of perspective) give no
    // usable corner.
    if det.abs() < 0.17 {
        return None;
    }
    let (wx, wy) = (b.p.x - a.p.x, b.p.y - a.p.y);
    let t = (wx * b.d.y - wy * b.d.x) / det;
    let p = Point::new(a.p.x + t * a.d.x, a.p.y + t * a.d.y);
    (p.x.is_finite() && p.y.is_finite()).then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_meet_where_they_cross() {
        let a = Line {
            p: Point::new(10.0, 0.0),
            d: Point::new(0.0, 1.0),
        };
        let b = Line {
            p: Point::new(0.0, 20.0),
            d: Point::new(1.0, 0.0),
        };
        let p = intersect(a, b).unwrap();
        assert!((p.x - 10.0).abs() < 1e-4 && (p.y - 20.0).abs() < 1e-4);
        let line = fit(&[
            Point::new(1.0, 1.0),
            Point::new(2.0, 2.0),
            Point::new(3.0, 3.0),
        ])
        .unwrap();
        assert!((line.d.x.abs() - line.d.y.abs()).abs() < 1e-4);
    }
}
