//! NET_BUFFER_LIST, NET_BUFFER, MDL as far as the driver touches them (x64).
