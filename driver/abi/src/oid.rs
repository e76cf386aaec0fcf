#![allow(non_upper_case_globals, non_camel_case_types)] // WDK names (NdisRequestMethod, NDIS_REQUEST_TYPE).
//! OID codes (ntddndis.h), `NDIS_REQUEST_TYPE`, and the packet-filter bits.
//!
//! Each OID's documentation page is `net/oid-<name>.md` (e.g. OID_RECEIVE_FILTER_FREE_QUEUE ->
//! `net/oid-receive-filter-free-queue.md`). Values are cross-checked against windows-sys by
//! `tests/constants.rs`.

/// An `NDIS_OID` value.
pub type NdisOid = u32;

/// `NDIS_REQUEST_TYPE` (ntddndis.h), the `RequestType` of an NDIS_OID_REQUEST.
pub type NDIS_REQUEST_TYPE = u32;
/// Query: output in `QUERY_INFORMATION.InformationBuffer`.
pub const NdisRequestQueryInformation: NDIS_REQUEST_TYPE = 0;
/// Set: input in `SET_INFORMATION.InformationBuffer`.
pub const NdisRequestSetInformation: NDIS_REQUEST_TYPE = 1;
/// Query issued by a user-mode statistics request (WMI / IOCTL); e.g. ENUM_QUEUES sees all queues.
pub const NdisRequestQueryStatistics: NDIS_REQUEST_TYPE = 2;
/// Legacy.
pub const NdisRequestOpen: NDIS_REQUEST_TYPE = 3;
/// Legacy.
pub const NdisRequestClose: NDIS_REQUEST_TYPE = 4;
/// Legacy.
pub const NdisRequestSend: NDIS_REQUEST_TYPE = 5;
/// Legacy.
pub const NdisRequestTransferData: NDIS_REQUEST_TYPE = 6;
/// Legacy.
pub const NdisRequestReset: NDIS_REQUEST_TYPE = 7;
/// Legacy.
pub const NdisRequestGeneric1: NDIS_REQUEST_TYPE = 8;
/// Legacy.
pub const NdisRequestGeneric2: NDIS_REQUEST_TYPE = 9;
/// Legacy.
pub const NdisRequestGeneric3: NDIS_REQUEST_TYPE = 10;
/// Legacy.
pub const NdisRequestGeneric4: NDIS_REQUEST_TYPE = 11;
/// Method (NDIS 6): input and output share `METHOD_INFORMATION.InformationBuffer` (spec G4).
pub const NdisRequestMethod: NDIS_REQUEST_TYPE = 12;

// ---------------------------------------------------------------------------------------------
// General OIDs a miniport answers or NDIS answers for it (`net/general-objects.md`).
// ---------------------------------------------------------------------------------------------

/// `net/oid-gen-supported-list.md`.
pub const OID_GEN_SUPPORTED_LIST: NdisOid = 0x0001_0101;
/// `net/oid-gen-hardware-status.md`.
pub const OID_GEN_HARDWARE_STATUS: NdisOid = 0x0001_0102;
/// `net/oid-gen-media-supported.md`.
pub const OID_GEN_MEDIA_SUPPORTED: NdisOid = 0x0001_0103;
/// `net/oid-gen-media-in-use.md`.
pub const OID_GEN_MEDIA_IN_USE: NdisOid = 0x0001_0104;
/// `net/oid-gen-maximum-lookahead.md`.
pub const OID_GEN_MAXIMUM_LOOKAHEAD: NdisOid = 0x0001_0105;
/// `net/oid-gen-maximum-frame-size.md`.
pub const OID_GEN_MAXIMUM_FRAME_SIZE: NdisOid = 0x0001_0106;
/// `net/oid-gen-link-speed.md`.
pub const OID_GEN_LINK_SPEED: NdisOid = 0x0001_0107;
/// `net/oid-gen-transmit-buffer-space.md`.
pub const OID_GEN_TRANSMIT_BUFFER_SPACE: NdisOid = 0x0001_0108;
/// `net/oid-gen-receive-buffer-space.md`.
pub const OID_GEN_RECEIVE_BUFFER_SPACE: NdisOid = 0x0001_0109;
/// `net/oid-gen-transmit-block-size.md`.
pub const OID_GEN_TRANSMIT_BLOCK_SIZE: NdisOid = 0x0001_010A;
/// `net/oid-gen-receive-block-size.md`.
pub const OID_GEN_RECEIVE_BLOCK_SIZE: NdisOid = 0x0001_010B;
/// `net/oid-gen-vendor-id.md`.
pub const OID_GEN_VENDOR_ID: NdisOid = 0x0001_010C;
/// `net/oid-gen-vendor-description.md`.
pub const OID_GEN_VENDOR_DESCRIPTION: NdisOid = 0x0001_010D;
/// `net/oid-gen-current-packet-filter.md`.
pub const OID_GEN_CURRENT_PACKET_FILTER: NdisOid = 0x0001_010E;
/// `net/oid-gen-current-lookahead.md`.
pub const OID_GEN_CURRENT_LOOKAHEAD: NdisOid = 0x0001_010F;
/// `net/oid-gen-driver-version.md`.
pub const OID_GEN_DRIVER_VERSION: NdisOid = 0x0001_0110;
/// `net/oid-gen-maximum-total-size.md`.
pub const OID_GEN_MAXIMUM_TOTAL_SIZE: NdisOid = 0x0001_0111;
/// `net/oid-gen-protocol-options.md`.
pub const OID_GEN_PROTOCOL_OPTIONS: NdisOid = 0x0001_0112;
/// `net/oid-gen-mac-options.md`.
pub const OID_GEN_MAC_OPTIONS: NdisOid = 0x0001_0113;
/// `net/oid-gen-media-connect-status.md`.
pub const OID_GEN_MEDIA_CONNECT_STATUS: NdisOid = 0x0001_0114;
/// `net/oid-gen-maximum-send-packets.md`.
pub const OID_GEN_MAXIMUM_SEND_PACKETS: NdisOid = 0x0001_0115;
/// `net/oid-gen-vendor-driver-version.md`.
pub const OID_GEN_VENDOR_DRIVER_VERSION: NdisOid = 0x0001_0116;
/// `net/oid-gen-supported-guids.md`.
pub const OID_GEN_SUPPORTED_GUIDS: NdisOid = 0x0001_0117;
/// `net/oid-gen-network-layer-addresses.md`.
pub const OID_GEN_NETWORK_LAYER_ADDRESSES: NdisOid = 0x0001_0118;
/// `net/oid-gen-transport-header-offset.md`.
pub const OID_GEN_TRANSPORT_HEADER_OFFSET: NdisOid = 0x0001_0119;
/// `net/oid-gen-media-capabilities.md`.
pub const OID_GEN_MEDIA_CAPABILITIES: NdisOid = 0x0001_0201;
/// `net/oid-gen-physical-medium.md`.
pub const OID_GEN_PHYSICAL_MEDIUM: NdisOid = 0x0001_0202;
/// `net/oid-gen-receive-scale-capabilities.md`.
pub const OID_GEN_RECEIVE_SCALE_CAPABILITIES: NdisOid = 0x0001_0203;
/// `net/oid-gen-receive-scale-parameters.md`.
pub const OID_GEN_RECEIVE_SCALE_PARAMETERS: NdisOid = 0x0001_0204;
/// `net/oid-gen-mac-address.md`.
pub const OID_GEN_MAC_ADDRESS: NdisOid = 0x0001_0205;
/// `net/oid-gen-max-link-speed.md`.
pub const OID_GEN_MAX_LINK_SPEED: NdisOid = 0x0001_0206;
/// `net/oid-gen-link-state.md`.
pub const OID_GEN_LINK_STATE: NdisOid = 0x0001_0207;
/// `net/oid-gen-link-parameters.md`.
pub const OID_GEN_LINK_PARAMETERS: NdisOid = 0x0001_0208;
/// `net/oid-gen-interrupt-moderation.md`.
pub const OID_GEN_INTERRUPT_MODERATION: NdisOid = 0x0001_0209;
/// `net/oid-gen-enumerate-ports.md`.
pub const OID_GEN_ENUMERATE_PORTS: NdisOid = 0x0001_020D;
/// `net/oid-gen-port-state.md`.
pub const OID_GEN_PORT_STATE: NdisOid = 0x0001_020E;
/// `net/oid-gen-port-authentication-parameters.md`.
pub const OID_GEN_PORT_AUTHENTICATION_PARAMETERS: NdisOid = 0x0001_020F;
/// `net/oid-gen-timeout-dpc-request-capabilities.md`.
pub const OID_GEN_TIMEOUT_DPC_REQUEST_CAPABILITIES: NdisOid = 0x0001_0210;
/// `net/oid-gen-pci-device-custom-properties.md`.
pub const OID_GEN_PCI_DEVICE_CUSTOM_PROPERTIES: NdisOid = 0x0001_0211;
/// `net/oid-gen-physical-medium-ex.md`.
pub const OID_GEN_PHYSICAL_MEDIUM_EX: NdisOid = 0x0001_0213;
/// `net/oid-gen-machine-name.md`.
pub const OID_GEN_MACHINE_NAME: NdisOid = 0x0001_021A;
/// `net/oid-gen-rndis-config-parameter.md`.
pub const OID_GEN_RNDIS_CONFIG_PARAMETER: NdisOid = 0x0001_021B;
/// `net/oid-gen-vlan-id.md`.
pub const OID_GEN_VLAN_ID: NdisOid = 0x0001_021C;
/// `net/oid-gen-receive-hash.md`.
pub const OID_GEN_RECEIVE_HASH: NdisOid = 0x0001_021F;
/// `net/oid-gen-miniport-restart-attributes.md`.
pub const OID_GEN_MINIPORT_RESTART_ATTRIBUTES: NdisOid = 0x0001_021D;
/// `net/oid-gen-hd-split-parameters.md`.
pub const OID_GEN_HD_SPLIT_PARAMETERS: NdisOid = 0x0001_021E;
/// `net/oid-gen-hd-split-current-config.md`.
pub const OID_GEN_HD_SPLIT_CURRENT_CONFIG: NdisOid = 0x0001_0220;
/// `net/oid-gen-promiscuous-mode.md`.
pub const OID_GEN_PROMISCUOUS_MODE: NdisOid = 0x0001_0280;
/// `net/oid-gen-last-change.md`.
pub const OID_GEN_LAST_CHANGE: NdisOid = 0x0001_0281;
/// `net/oid-gen-discontinuity-time.md`.
pub const OID_GEN_DISCONTINUITY_TIME: NdisOid = 0x0001_0282;
/// `net/oid-gen-operational-status.md`.
pub const OID_GEN_OPERATIONAL_STATUS: NdisOid = 0x0001_0283;
/// `net/oid-gen-xmit-link-speed.md`.
pub const OID_GEN_XMIT_LINK_SPEED: NdisOid = 0x0001_0284;
/// `net/oid-gen-rcv-link-speed.md`.
pub const OID_GEN_RCV_LINK_SPEED: NdisOid = 0x0001_0285;
/// `net/oid-gen-unknown-protos.md`.
pub const OID_GEN_UNKNOWN_PROTOS: NdisOid = 0x0001_0286;
/// `net/oid-gen-interface-info.md`.
pub const OID_GEN_INTERFACE_INFO: NdisOid = 0x0001_0287;
/// `net/oid-gen-admin-status.md`.
pub const OID_GEN_ADMIN_STATUS: NdisOid = 0x0001_0288;
/// `net/oid-gen-alias.md`.
pub const OID_GEN_ALIAS: NdisOid = 0x0001_0289;
/// `net/oid-gen-media-connect-status-ex.md`.
pub const OID_GEN_MEDIA_CONNECT_STATUS_EX: NdisOid = 0x0001_028A;
/// `net/oid-gen-link-speed-ex.md`.
pub const OID_GEN_LINK_SPEED_EX: NdisOid = 0x0001_028B;
/// `net/oid-gen-media-duplex-state.md`.
pub const OID_GEN_MEDIA_DUPLEX_STATE: NdisOid = 0x0001_028C;
/// `net/oid-gen-ip-oper-status.md`.
pub const OID_GEN_IP_OPER_STATUS: NdisOid = 0x0001_028D;
/// `net/oid-gen-xmit-ok.md`.
pub const OID_GEN_XMIT_OK: NdisOid = 0x0002_0101;
/// `net/oid-gen-rcv-ok.md`.
pub const OID_GEN_RCV_OK: NdisOid = 0x0002_0102;
/// `net/oid-gen-xmit-error.md`.
pub const OID_GEN_XMIT_ERROR: NdisOid = 0x0002_0103;
/// `net/oid-gen-rcv-error.md`.
pub const OID_GEN_RCV_ERROR: NdisOid = 0x0002_0104;
/// `net/oid-gen-rcv-no-buffer.md`.
pub const OID_GEN_RCV_NO_BUFFER: NdisOid = 0x0002_0105;
/// `net/oid-gen-statistics.md`.
pub const OID_GEN_STATISTICS: NdisOid = 0x0002_0106;
/// `net/oid-gen-directed-bytes-xmit.md`.
pub const OID_GEN_DIRECTED_BYTES_XMIT: NdisOid = 0x0002_0201;
/// `net/oid-gen-directed-frames-xmit.md`.
pub const OID_GEN_DIRECTED_FRAMES_XMIT: NdisOid = 0x0002_0202;
/// `net/oid-gen-multicast-bytes-xmit.md`.
pub const OID_GEN_MULTICAST_BYTES_XMIT: NdisOid = 0x0002_0203;
/// `net/oid-gen-multicast-frames-xmit.md`.
pub const OID_GEN_MULTICAST_FRAMES_XMIT: NdisOid = 0x0002_0204;
/// `net/oid-gen-broadcast-bytes-xmit.md`.
pub const OID_GEN_BROADCAST_BYTES_XMIT: NdisOid = 0x0002_0205;
/// `net/oid-gen-broadcast-frames-xmit.md`.
pub const OID_GEN_BROADCAST_FRAMES_XMIT: NdisOid = 0x0002_0206;
/// `net/oid-gen-directed-bytes-rcv.md`.
pub const OID_GEN_DIRECTED_BYTES_RCV: NdisOid = 0x0002_0207;
/// `net/oid-gen-directed-frames-rcv.md`.
pub const OID_GEN_DIRECTED_FRAMES_RCV: NdisOid = 0x0002_0208;
/// `net/oid-gen-multicast-bytes-rcv.md`.
pub const OID_GEN_MULTICAST_BYTES_RCV: NdisOid = 0x0002_0209;
/// `net/oid-gen-multicast-frames-rcv.md`.
pub const OID_GEN_MULTICAST_FRAMES_RCV: NdisOid = 0x0002_020A;
/// `net/oid-gen-broadcast-bytes-rcv.md`.
pub const OID_GEN_BROADCAST_BYTES_RCV: NdisOid = 0x0002_020B;
/// `net/oid-gen-broadcast-frames-rcv.md`.
pub const OID_GEN_BROADCAST_FRAMES_RCV: NdisOid = 0x0002_020C;
/// `net/oid-gen-rcv-crc-error.md`.
pub const OID_GEN_RCV_CRC_ERROR: NdisOid = 0x0002_020D;
/// `net/oid-gen-transmit-queue-length.md`.
pub const OID_GEN_TRANSMIT_QUEUE_LENGTH: NdisOid = 0x0002_020E;
/// `net/oid-gen-get-time-caps.md`.
pub const OID_GEN_GET_TIME_CAPS: NdisOid = 0x0002_020F;
/// `net/oid-gen-get-netcard-time.md`.
pub const OID_GEN_GET_NETCARD_TIME: NdisOid = 0x0002_0210;
/// `net/oid-gen-netcard-load.md`.
pub const OID_GEN_NETCARD_LOAD: NdisOid = 0x0002_0211;
/// `net/oid-gen-device-profile.md`.
pub const OID_GEN_DEVICE_PROFILE: NdisOid = 0x0002_0212;
/// `net/oid-gen-init-time-ms.md`.
pub const OID_GEN_INIT_TIME_MS: NdisOid = 0x0002_0213;
/// `net/oid-gen-reset-counts.md`.
pub const OID_GEN_RESET_COUNTS: NdisOid = 0x0002_0214;
/// `net/oid-gen-media-sense-counts.md`.
pub const OID_GEN_MEDIA_SENSE_COUNTS: NdisOid = 0x0002_0215;
/// `net/oid-gen-friendly-name.md`.
pub const OID_GEN_FRIENDLY_NAME: NdisOid = 0x0002_0216;
/// `net/oid-gen-bytes-rcv.md`.
pub const OID_GEN_BYTES_RCV: NdisOid = 0x0002_0219;
/// `net/oid-gen-bytes-xmit.md`.
pub const OID_GEN_BYTES_XMIT: NdisOid = 0x0002_021A;
/// `net/oid-gen-rcv-discards.md`.
pub const OID_GEN_RCV_DISCARDS: NdisOid = 0x0002_021B;
/// `net/oid-gen-xmit-discards.md`.
pub const OID_GEN_XMIT_DISCARDS: NdisOid = 0x0002_021C;

// ---------------------------------------------------------------------------------------------
// Ethernet (802.3) OIDs.
// ---------------------------------------------------------------------------------------------

/// `net/oid-802-3-permanent-address.md`.
pub const OID_802_3_PERMANENT_ADDRESS: NdisOid = 0x0101_0101;
/// `net/oid-802-3-current-address.md`.
pub const OID_802_3_CURRENT_ADDRESS: NdisOid = 0x0101_0102;
/// `net/oid-802-3-multicast-list.md`.
pub const OID_802_3_MULTICAST_LIST: NdisOid = 0x0101_0103;
/// `net/oid-802-3-maximum-list-size.md`.
pub const OID_802_3_MAXIMUM_LIST_SIZE: NdisOid = 0x0101_0104;
/// `net/oid-802-3-mac-options.md`.
pub const OID_802_3_MAC_OPTIONS: NdisOid = 0x0101_0105;
/// `net/oid-802-3-rcv-error-alignment.md`.
pub const OID_802_3_RCV_ERROR_ALIGNMENT: NdisOid = 0x0102_0101;
/// `net/oid-802-3-xmit-one-collision.md`.
pub const OID_802_3_XMIT_ONE_COLLISION: NdisOid = 0x0102_0102;
/// `net/oid-802-3-xmit-more-collisions.md`.
pub const OID_802_3_XMIT_MORE_COLLISIONS: NdisOid = 0x0102_0103;
/// `net/oid-802-3-xmit-deferred.md`.
pub const OID_802_3_XMIT_DEFERRED: NdisOid = 0x0102_0201;
/// `net/oid-802-3-xmit-max-collisions.md`.
pub const OID_802_3_XMIT_MAX_COLLISIONS: NdisOid = 0x0102_0202;
/// `net/oid-802-3-rcv-overrun.md`.
pub const OID_802_3_RCV_OVERRUN: NdisOid = 0x0102_0203;
/// `net/oid-802-3-xmit-underrun.md`.
pub const OID_802_3_XMIT_UNDERRUN: NdisOid = 0x0102_0204;
/// `net/oid-802-3-xmit-heartbeat-failure.md`.
pub const OID_802_3_XMIT_HEARTBEAT_FAILURE: NdisOid = 0x0102_0205;
/// `net/oid-802-3-xmit-times-crs-lost.md`.
pub const OID_802_3_XMIT_TIMES_CRS_LOST: NdisOid = 0x0102_0206;
/// `net/oid-802-3-xmit-late-collisions.md`.
pub const OID_802_3_XMIT_LATE_COLLISIONS: NdisOid = 0x0102_0207;
/// `net/oid-802-3-add-multicast-address.md`.
pub const OID_802_3_ADD_MULTICAST_ADDRESS: NdisOid = 0x0101_0208;
/// `net/oid-802-3-delete-multicast-address.md`.
pub const OID_802_3_DELETE_MULTICAST_ADDRESS: NdisOid = 0x0101_0209;

// ---------------------------------------------------------------------------------------------
// Power management OIDs.
// ---------------------------------------------------------------------------------------------

/// `net/oid-pnp-capabilities.md`.
pub const OID_PNP_CAPABILITIES: NdisOid = 0xFD01_0100;
/// `net/oid-pnp-set-power.md`.
pub const OID_PNP_SET_POWER: NdisOid = 0xFD01_0101;
/// `net/oid-pnp-query-power.md`.
pub const OID_PNP_QUERY_POWER: NdisOid = 0xFD01_0102;
/// `net/oid-pnp-add-wake-up-pattern.md`.
pub const OID_PNP_ADD_WAKE_UP_PATTERN: NdisOid = 0xFD01_0103;
/// `net/oid-pnp-remove-wake-up-pattern.md`.
pub const OID_PNP_REMOVE_WAKE_UP_PATTERN: NdisOid = 0xFD01_0104;
/// `net/oid-pnp-wake-up-pattern-list.md`.
pub const OID_PNP_WAKE_UP_PATTERN_LIST: NdisOid = 0xFD01_0105;
/// `net/oid-pnp-enable-wake-up.md`.
pub const OID_PNP_ENABLE_WAKE_UP: NdisOid = 0xFD01_0106;
/// `net/oid-pnp-wake-up-ok.md`.
pub const OID_PNP_WAKE_UP_OK: NdisOid = 0xFD02_0200;
/// `net/oid-pnp-wake-up-error.md`.
pub const OID_PNP_WAKE_UP_ERROR: NdisOid = 0xFD02_0201;
/// `net/oid-pm-current-capabilities.md`.
pub const OID_PM_CURRENT_CAPABILITIES: NdisOid = 0xFD01_0107;
/// `net/oid-pm-hardware-capabilities.md`.
pub const OID_PM_HARDWARE_CAPABILITIES: NdisOid = 0xFD01_0108;
/// `net/oid-pm-parameters.md`.
pub const OID_PM_PARAMETERS: NdisOid = 0xFD01_0109;
/// `net/oid-pm-add-wol-pattern.md`.
pub const OID_PM_ADD_WOL_PATTERN: NdisOid = 0xFD01_010A;
/// `net/oid-pm-remove-wol-pattern.md`.
pub const OID_PM_REMOVE_WOL_PATTERN: NdisOid = 0xFD01_010B;
/// `net/oid-pm-wol-pattern-list.md`.
pub const OID_PM_WOL_PATTERN_LIST: NdisOid = 0xFD01_010C;
/// `net/oid-pm-add-protocol-offload.md`.
pub const OID_PM_ADD_PROTOCOL_OFFLOAD: NdisOid = 0xFD01_010D;
/// `net/oid-pm-get-protocol-offload.md`.
pub const OID_PM_GET_PROTOCOL_OFFLOAD: NdisOid = 0xFD01_010E;
/// `net/oid-pm-remove-protocol-offload.md`.
pub const OID_PM_REMOVE_PROTOCOL_OFFLOAD: NdisOid = 0xFD01_010F;
/// `net/oid-pm-protocol-offload-list.md`.
pub const OID_PM_PROTOCOL_OFFLOAD_LIST: NdisOid = 0xFD01_0110;
/// `net/oid-pm-reserved-1.md`.
pub const OID_PM_RESERVED_1: NdisOid = 0xFD01_0111;

// ---------------------------------------------------------------------------------------------
// Task offload OIDs.
// ---------------------------------------------------------------------------------------------

/// `net/oid-tcp-offload-current-config.md`.
pub const OID_TCP_OFFLOAD_CURRENT_CONFIG: NdisOid = 0xFC01_020B;
/// `net/oid-tcp-offload-parameters.md`.
pub const OID_TCP_OFFLOAD_PARAMETERS: NdisOid = 0xFC01_020C;
/// `net/oid-tcp-offload-hardware-capabilities.md`.
pub const OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES: NdisOid = 0xFC01_020D;
/// `net/oid-offload-encapsulation.md`.
pub const OID_OFFLOAD_ENCAPSULATION: NdisOid = 0x0101_010A;

// ---------------------------------------------------------------------------------------------
// VMQ / receive filtering OIDs (spec §1.2, `net/vmq-oids.md`).
// ---------------------------------------------------------------------------------------------

/// `net/oid-receive-filter-hardware-capabilities.md`.
pub const OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES: NdisOid = 0x0001_0221;
/// `net/oid-receive-filter-global-parameters.md`.
pub const OID_RECEIVE_FILTER_GLOBAL_PARAMETERS: NdisOid = 0x0001_0222;
/// `net/oid-receive-filter-allocate-queue.md`.
pub const OID_RECEIVE_FILTER_ALLOCATE_QUEUE: NdisOid = 0x0001_0223;
/// `net/oid-receive-filter-free-queue.md`.
pub const OID_RECEIVE_FILTER_FREE_QUEUE: NdisOid = 0x0001_0224;
/// `net/oid-receive-filter-enum-queues.md`.
pub const OID_RECEIVE_FILTER_ENUM_QUEUES: NdisOid = 0x0001_0225;
/// `net/oid-receive-filter-queue-parameters.md`.
pub const OID_RECEIVE_FILTER_QUEUE_PARAMETERS: NdisOid = 0x0001_0226;
/// `net/oid-receive-filter-set-filter.md`.
pub const OID_RECEIVE_FILTER_SET_FILTER: NdisOid = 0x0001_0227;
/// `net/oid-receive-filter-clear-filter.md`.
pub const OID_RECEIVE_FILTER_CLEAR_FILTER: NdisOid = 0x0001_0228;
/// `net/oid-receive-filter-enum-filters.md`.
pub const OID_RECEIVE_FILTER_ENUM_FILTERS: NdisOid = 0x0001_0229;
/// `net/oid-receive-filter-parameters.md`.
pub const OID_RECEIVE_FILTER_PARAMETERS: NdisOid = 0x0001_022A;
/// `net/oid-receive-filter-queue-allocation-complete.md`.
pub const OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE: NdisOid = 0x0001_022B;
/// `net/oid-receive-filter-current-capabilities.md`.
pub const OID_RECEIVE_FILTER_CURRENT_CAPABILITIES: NdisOid = 0x0001_022D;
/// `net/oid-receive-filter-move-filter.md`.
pub const OID_RECEIVE_FILTER_MOVE_FILTER: NdisOid = 0x0001_0230;

// ---------------------------------------------------------------------------------------------
// NIC switch OIDs (spec §2.2, `net/sr-iov-oids.md`).
// ---------------------------------------------------------------------------------------------

/// `net/oid-nic-switch-hardware-capabilities.md`.
pub const OID_NIC_SWITCH_HARDWARE_CAPABILITIES: NdisOid = 0x0001_022E;
/// `net/oid-nic-switch-current-capabilities.md`.
pub const OID_NIC_SWITCH_CURRENT_CAPABILITIES: NdisOid = 0x0001_022F;
/// `net/oid-nic-switch-create-switch.md`.
pub const OID_NIC_SWITCH_CREATE_SWITCH: NdisOid = 0x0001_0237;
/// `net/oid-nic-switch-parameters.md`.
pub const OID_NIC_SWITCH_PARAMETERS: NdisOid = 0x0001_0238;
/// `net/oid-nic-switch-delete-switch.md`.
pub const OID_NIC_SWITCH_DELETE_SWITCH: NdisOid = 0x0001_0239;
/// `net/oid-nic-switch-enum-switches.md`.
pub const OID_NIC_SWITCH_ENUM_SWITCHES: NdisOid = 0x0001_0240;
/// `net/oid-nic-switch-create-vport.md`.
pub const OID_NIC_SWITCH_CREATE_VPORT: NdisOid = 0x0001_0241;
/// `net/oid-nic-switch-vport-parameters.md`.
pub const OID_NIC_SWITCH_VPORT_PARAMETERS: NdisOid = 0x0001_0242;
/// `net/oid-nic-switch-enum-vports.md`.
pub const OID_NIC_SWITCH_ENUM_VPORTS: NdisOid = 0x0001_0243;
/// `net/oid-nic-switch-delete-vport.md`.
pub const OID_NIC_SWITCH_DELETE_VPORT: NdisOid = 0x0001_0244;
/// `net/oid-nic-switch-allocate-vf.md`.
pub const OID_NIC_SWITCH_ALLOCATE_VF: NdisOid = 0x0001_0245;
/// `net/oid-nic-switch-free-vf.md`.
pub const OID_NIC_SWITCH_FREE_VF: NdisOid = 0x0001_0246;
/// `net/oid-nic-switch-vf-parameters.md`.
pub const OID_NIC_SWITCH_VF_PARAMETERS: NdisOid = 0x0001_0247;
/// `net/oid-nic-switch-enum-vfs.md`.
pub const OID_NIC_SWITCH_ENUM_VFS: NdisOid = 0x0001_0248;

// ---------------------------------------------------------------------------------------------
// SR-IOV OIDs (spec §2.2, `net/sr-iov-oids.md`).
// ---------------------------------------------------------------------------------------------

/// `net/oid-sriov-hardware-capabilities.md`.
pub const OID_SRIOV_HARDWARE_CAPABILITIES: NdisOid = 0x0001_0249;
/// `net/oid-sriov-current-capabilities.md`.
pub const OID_SRIOV_CURRENT_CAPABILITIES: NdisOid = 0x0001_0250;
/// `net/oid-sriov-read-vf-config-space.md`.
pub const OID_SRIOV_READ_VF_CONFIG_SPACE: NdisOid = 0x0001_0251;
/// `net/oid-sriov-write-vf-config-space.md`.
pub const OID_SRIOV_WRITE_VF_CONFIG_SPACE: NdisOid = 0x0001_0252;
/// `net/oid-sriov-read-vf-config-block.md`.
pub const OID_SRIOV_READ_VF_CONFIG_BLOCK: NdisOid = 0x0001_0253;
/// `net/oid-sriov-write-vf-config-block.md`.
pub const OID_SRIOV_WRITE_VF_CONFIG_BLOCK: NdisOid = 0x0001_0254;
/// `net/oid-sriov-reset-vf.md`.
pub const OID_SRIOV_RESET_VF: NdisOid = 0x0001_0255;
/// `net/oid-sriov-set-vf-power-state.md`.
pub const OID_SRIOV_SET_VF_POWER_STATE: NdisOid = 0x0001_0256;
/// `net/oid-sriov-vf-vendor-device-id.md`.
pub const OID_SRIOV_VF_VENDOR_DEVICE_ID: NdisOid = 0x0001_0257;
/// `net/oid-sriov-probed-bars.md`.
pub const OID_SRIOV_PROBED_BARS: NdisOid = 0x0001_0258;
/// `net/oid-sriov-bar-resources.md`.
pub const OID_SRIOV_BAR_RESOURCES: NdisOid = 0x0001_0259;
/// `net/oid-sriov-pf-luid.md`.
pub const OID_SRIOV_PF_LUID: NdisOid = 0x0001_0260;
/// `net/oid-sriov-config-state.md`.
pub const OID_SRIOV_CONFIG_STATE: NdisOid = 0x0001_0261;
/// `net/oid-sriov-vf-serial-number.md`.
pub const OID_SRIOV_VF_SERIAL_NUMBER: NdisOid = 0x0001_0262;
/// `net/oid-sriov-vf-invalidate-config-block.md`.
pub const OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK: NdisOid = 0x0001_0269;

// ---------------------------------------------------------------------------------------------
// Packet filter bits for OID_GEN_CURRENT_PACKET_FILTER (`net/oid-gen-current-packet-filter.md`).
// ---------------------------------------------------------------------------------------------

/// Packet filter: `NDIS_PACKET_TYPE_DIRECTED`.
pub const NDIS_PACKET_TYPE_DIRECTED: u32 = 0x0000_0001;
/// Packet filter: `NDIS_PACKET_TYPE_MULTICAST`.
pub const NDIS_PACKET_TYPE_MULTICAST: u32 = 0x0000_0002;
/// Packet filter: `NDIS_PACKET_TYPE_ALL_MULTICAST`.
pub const NDIS_PACKET_TYPE_ALL_MULTICAST: u32 = 0x0000_0004;
/// Packet filter: `NDIS_PACKET_TYPE_BROADCAST`.
pub const NDIS_PACKET_TYPE_BROADCAST: u32 = 0x0000_0008;
/// Packet filter: `NDIS_PACKET_TYPE_SOURCE_ROUTING`.
pub const NDIS_PACKET_TYPE_SOURCE_ROUTING: u32 = 0x0000_0010;
/// Packet filter: `NDIS_PACKET_TYPE_PROMISCUOUS`.
pub const NDIS_PACKET_TYPE_PROMISCUOUS: u32 = 0x0000_0020;
/// Packet filter: `NDIS_PACKET_TYPE_SMT`.
pub const NDIS_PACKET_TYPE_SMT: u32 = 0x0000_0040;
/// Packet filter: `NDIS_PACKET_TYPE_ALL_LOCAL`.
pub const NDIS_PACKET_TYPE_ALL_LOCAL: u32 = 0x0000_0080;
/// Packet filter: `NDIS_PACKET_TYPE_GROUP`.
pub const NDIS_PACKET_TYPE_GROUP: u32 = 0x0000_1000;
/// Packet filter: `NDIS_PACKET_TYPE_ALL_FUNCTIONAL`.
pub const NDIS_PACKET_TYPE_ALL_FUNCTIONAL: u32 = 0x0000_2000;
/// Packet filter: `NDIS_PACKET_TYPE_FUNCTIONAL`.
pub const NDIS_PACKET_TYPE_FUNCTIONAL: u32 = 0x0000_4000;
/// Packet filter: `NDIS_PACKET_TYPE_MAC_FRAME`.
pub const NDIS_PACKET_TYPE_MAC_FRAME: u32 = 0x0000_8000;
/// Packet filter: `NDIS_PACKET_TYPE_NO_LOCAL`.
pub const NDIS_PACKET_TYPE_NO_LOCAL: u32 = 0x0001_0000;
