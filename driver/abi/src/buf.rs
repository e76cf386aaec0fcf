//! Bounds-checked readers and writers for OID information buffers.
