//! Demo (filled next).
