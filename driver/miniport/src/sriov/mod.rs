//! The SR-IOV PF engine (spec section 2): NIC switch, vPorts, VFs, config space, backchannel store, reset, power.
