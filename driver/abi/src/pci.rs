//! PCI type-0 configuration header and the SR-IOV extended capability.
