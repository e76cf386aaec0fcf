//! A reference PF agent for the mailbox protocol (Linux `ixgbe_mbx.h` message layout), used by
//! tests and available to the SR-IOV engine as an executable description of the rules.
