//! One OID request as the miniport logic sees it, independent of how NDIS_OID_REQUEST is laid out.
//!
//! The binding copies nothing: `buffer` borrows NDIS's InformationBuffer. Handlers report
//! BytesRead / BytesWritten / BytesNeeded exactly (spec G2, G4) and never write past `buffer`.

use svnic_abi::status::NdisStatus;

/// NDIS_REQUEST_TYPE values the miniport distinguishes. The request type is part of an OID's
/// identity: (type, OID) is the dispatch key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RequestType {
    /// NdisRequestQueryInformation (0).
    Query,
    /// NdisRequestSetInformation (1).
    Set,
    /// NdisRequestQueryStatistics (2): a query from user mode (sees all queues, for example).
    QueryStatistics,
    /// NdisRequestMethod (12).
    Method,
}

impl RequestType {
    /// From the NDIS_REQUEST_TYPE value; `None` for types the miniport never handles.
    pub const fn from_ndis(value: u32) -> Option<Self> {
        match value {
            0 => Some(Self::Query),
            1 => Some(Self::Set),
            2 => Some(Self::QueryStatistics),
            12 => Some(Self::Method),
            _ => None,
        }
    }

    /// The NDIS_REQUEST_TYPE value.
    pub const fn to_ndis(self) -> u32 {
        match self {
            Self::Query => 0,
            Self::Set => 1,
            Self::QueryStatistics => 2,
            Self::Method => 12,
        }
    }
}

/// Opaque handle the binding gives each request so a pended one can be completed later through
/// [`crate::os::Os::complete_oid`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OidToken(pub u64);

/// One OID request.
#[derive(Debug)]
pub struct OidRequest<'a> {
    pub request_type: RequestType,
    pub oid: u32,
    /// The information buffer. Query: output. Set: input. Method: input in the first
    /// `input_len` bytes, output written in place over the whole buffer.
    pub buffer: &'a mut [u8],
    /// Method only: InputBufferLength. For Set it equals `buffer.len()`; for Query it is 0.
    pub input_len: usize,
    pub bytes_read: u32,
    pub bytes_written: u32,
    pub bytes_needed: u32,
    pub token: OidToken,
}

/// What a handler did with a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OidOutcome {
    /// Completed now with this status (byte counts are in the request).
    Complete(NdisStatus),
    /// NDIS_STATUS_PENDING: the handler kept `token` and will call `Os::complete_oid`.
    Pending,
}

/// The byte counts a pended request completes with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OidBytes {
    pub read: u32,
    pub written: u32,
    pub needed: u32,
}

/// A row of an OID dispatch table: the key (request type, OID) and the minimum information
/// buffer length the handler needs before it looks at the payload (BytesNeeded when short).
/// The supported-OID list is derived from these rows, never written twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OidRow {
    pub request_type: RequestType,
    pub oid: u32,
    pub min_len: u32,
}
