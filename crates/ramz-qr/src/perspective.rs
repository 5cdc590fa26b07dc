//! The perspective the finder patterns' sizes show.
//!
//! Three finder centres fix only an affine frame; under perspective the
//! fourth corner of that parallelogram is many modules off (20 on a
//! version 17 code seen at a slant), past the alignment search window.
//! But a projective map shrinks things with distance: along the top edge
//! the module size goes as `1 / w²`, where `w` is the map's denominator,
//! linear in the grid coordinates. So the module sizes measured at the
//! two ends of an edge give `w` at both ends (`w_far / w_near =
//! sqrt(m_near / m_far)`), and with the three centres that is the whole
//! homography. The same relation makes the distance between two finder
//! centres their module count times the *geometric* mean of the two
//! module sizes, not the arithmetic one.

use crate::transform::Point;

/// Relative change of the perspective denominator across the code below
/// which the finders' sizes are taken for noise, not perspective (the
/// affine frame is tried anyway).
const MIN_PERSPECTIVE: f32 = 0.05;

/// The homography from grid coordinates, relative to the top-left finder
/// centre, to the image: `(p0 + u a + v b) / (1 + g u + h v)`.
pub(crate) struct Perspective {
    p0: Point,
    a: Point,
    b: Point,
    g: f32,
    h: f32,
}

impl Perspective {
    /// From the finder centres `tl`, `tr`, `bl`, which lie `span` modules
    /// apart (the code's width less 7), and the module sizes along the
    /// top edge at `tl` and `tr` (`top`) and along the left edge at `tl`
    /// and `bl` (`left`). `None` when a size is not positive.
    pub(crate) fn new(
        [tl, tr, bl]: [Point; 3],
        span: f32,
        top: (f32, f32),
        left: (f32, f32),
    ) -> Option<Self> {
        if span <= 0.0 || top.0 <= 0.0 || top.1 <= 0.0 || left.0 <= 0.0 || left.1 <= 0.0 {
            return None;
        }
        let wr = (top.0 / top.1).sqrt();
        let wb = (left.0 / left.1).sqrt();
        Some(Self {
            p0: tl,
            a: Point::new((tr.x * wr - tl.x) / span, (tr.y * wr - tl.y) / span),
            b: Point::new((bl.x * wb - tl.x) / span, (bl.y * wb - tl.y) / span),
            g: (wr - 1.0) / span,
            h: (wb - 1.0) / span,
        })
    }

    /// [`Perspective::new`], when the map is at least `MIN_PERSPECTIVE`
    /// from an affine frame (weaker, the finders' sizes differ by their
    /// measuring noise, not by perspective).
    pub(crate) fn slanted(
        centres: [Point; 3],
        span: f32,
        top: (f32, f32),
        left: (f32, f32),
    ) -> Option<Self> {
        Self::new(centres, span, top, left).filter(|p| p.strength(span) >= MIN_PERSPECTIVE)
    }

    /// How far from an affine frame it is: the larger relative change of
    /// `w` across the code.
    fn strength(&self, span: f32) -> f32 {
        (self.g * span).abs().max((self.h * span).abs())
    }

    /// The image point of grid point `(u, v)` (modules right of and below
    /// the top-left finder centre).
    pub(crate) fn map(&self, u: f32, v: f32) -> Option<Point> {
        let w = 1.0 + self.g * u + self.h * v;
        if w <= 0.05 {
            return None;
        }
        let x = (self.p0.x + u * self.a.x + v * self.b.x) / w;
        let y = (self.p0.y + u * self.a.y + v * self.b.y) / w;
        (x.is_finite() && y.is_finite()).then(|| Point::new(x, y))
    }

    /// Mean module size at grid point `(u, v)`.
    pub(crate) fn module_at(&self, u: f32, v: f32) -> Option<f32> {
        let o = self.map(u, v)?;
        Some((o.distance(self.map(u + 1.0, v)?) + o.distance(self.map(u, v + 1.0)?)) / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transform::Homography;

    #[test]
    fn a_slanted_square_is_recovered_from_three_centres_and_sizes() {
        // A 85-module code (centres 78 apart) under a strong perspective.
        let d = 85.0f32;
        let truth = Homography::quad_to_quad(
            [
                Point::new(0.0, 0.0),
                Point::new(d, 0.0),
                Point::new(d, d),
                Point::new(0.0, d),
            ],
            [
                Point::new(908.0, 141.0),
                Point::new(1153.0, 193.0),
                Point::new(1205.0, 454.0),
                Point::new(900.0, 439.0),
            ],
        );
        let at = |u: f32, v: f32| truth.map(u, v).unwrap();
        let size = |u: f32, v: f32, du: f32, dv: f32| at(u, v).distance(at(u + du, v + dv));
        let (tl, tr, bl) = (at(3.5, 3.5), at(d - 3.5, 3.5), at(3.5, d - 3.5));
        let p = Perspective::new(
            [tl, tr, bl],
            d - 7.0,
            (size(3.5, 3.5, 1.0, 0.0), size(d - 3.5, 3.5, 1.0, 0.0)),
            (size(3.5, 3.5, 0.0, 1.0), size(3.5, d - 3.5, 0.0, 1.0)),
        )
        .unwrap();
        let br = p.map(d - 7.0, d - 7.0).unwrap();
        let want = at(d - 3.5, d - 3.5);
        // Within a module (about 3 px here); the parallelogram is 20 off.
        assert!(br.distance(want) < 3.0, "{br:?} vs {want:?}");
        let affine = Point::new(tr.x + bl.x - tl.x, tr.y + bl.y - tl.y);
        assert!(affine.distance(want) > 40.0);
        assert!(p.strength(d - 7.0) > 0.1);
    }
}
