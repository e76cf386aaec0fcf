//! The VF miniport (spec section 2.7): the same driver bound to a VF in a guest partition.
