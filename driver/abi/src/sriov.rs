//! NIC switch and SR-IOV structures and flags.
