#![doc = include_str!("../README.md")]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod alignment;
mod binarize;
mod budget;
mod codewords;
mod corner_search;
mod decoder;
mod dimension;
mod error;
mod faint_look;
mod finder;
mod finder_edges;
mod frame;
mod gray;
#[cfg(feature = "image")]
mod image_file;
mod local_grid;
mod locate;
mod perspective;
mod reed_solomon;
#[cfg(feature = "matrix")]
pub mod render;
mod rescan;
#[cfg(feature = "rqrr-fallback")]
mod rqrr_pass;
mod second_look;
mod segments;
#[doc(hidden)]
pub mod stage_timing;
mod third_look;
mod transform;

pub use decoder::{DecodeOptions, DecodedCode, decode_frame, decode_frame_with, decode_luma};
pub use error::QrError;
pub use frame::{LumaFrame, MAX_DIMENSION};
pub use gray::Region;
#[cfg(feature = "image")]
pub use image_file::{decode_image_bytes, decode_image_file};
pub use transform::Point;
