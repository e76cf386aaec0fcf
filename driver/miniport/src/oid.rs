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

impl OidRow {
    /// A row (const-constructible, for static tables).
    pub const fn new(request_type: RequestType, oid: u32, min_len: u32) -> Self {
        Self {
            request_type,
            oid,
            min_len,
        }
    }
}

/// Which part of the miniport answers a (request type, OID).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OidOwner {
    General,
    Vmq,
    Sriov,
}

/// The result of looking a request up in the dispatch table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(OidOwner, OidRow),
    /// The OID is supported, but not with this request type: refused with NOT_SUPPORTED.
    WrongType,
    /// Not an OID this miniport supports: NOT_SUPPORTED.
    Unknown,
}

/// The dispatch table: rows contributed by the general module, the VMQ engine and the SR-IOV
/// engine. The supported-OID list is derived from it.
#[derive(Clone, Copy, Debug)]
pub struct OidTable {
    pub parts: [(OidOwner, &'static [OidRow]); 3],
}

impl OidTable {
    /// `Query` rows also answer `QueryStatistics` (the same data asked from user mode).
    fn matches(row: &OidRow, rt: RequestType) -> bool {
        row.request_type == rt
            || (rt == RequestType::QueryStatistics && row.request_type == RequestType::Query)
    }

    pub fn rows(&self) -> impl Iterator<Item = (OidOwner, &'static OidRow)> + '_ {
        self.parts
            .iter()
            .flat_map(|(owner, rows)| rows.iter().map(move |r| (*owner, r)))
    }

    pub fn lookup(&self, rt: RequestType, oid: u32) -> Lookup {
        let mut known = false;
        for (owner, row) in self.rows() {
            if row.oid == oid {
                if Self::matches(row, rt) {
                    return Lookup::Found(owner, *row);
                }
                known = true;
            }
        }
        if known {
            Lookup::WrongType
        } else {
            Lookup::Unknown
        }
    }

    /// The distinct OIDs of the table, in table order (OID_GEN_SUPPORTED_LIST).
    pub fn supported_oids(&self) -> impl Iterator<Item = u32> + '_ {
        let all = self.rows();
        all.enumerate().filter_map(move |(i, (_, row))| {
            let first = self.rows().position(|(_, r)| r.oid == row.oid) == Some(i);
            first.then_some(row.oid)
        })
    }

    /// Number of distinct OIDs.
    pub fn supported_count(&self) -> usize {
        self.supported_oids().count()
    }
}

/// The generic checks every request goes through before a handler sees it: the (type, OID)
/// key must be in the table, and the buffer must hold at least `min_len` bytes (Query: the
/// output buffer; Set: the input; Method: the input). On failure the request's byte counts
/// are set (BytesNeeded = min_len) and the status to complete with is returned.
pub fn precheck(table: &OidTable, req: &mut OidRequest<'_>) -> Result<(OidOwner, OidRow), NdisStatus> {
    use svnic_abi::status::{NDIS_STATUS_INVALID_LENGTH, NDIS_STATUS_NOT_SUPPORTED};
    req.bytes_read = 0;
    req.bytes_written = 0;
    req.bytes_needed = 0;
    let (owner, row) = match table.lookup(req.request_type, req.oid) {
        Lookup::Found(o, r) => (o, r),
        Lookup::WrongType | Lookup::Unknown => return Err(NDIS_STATUS_NOT_SUPPORTED),
    };
    let have = match req.request_type {
        RequestType::Method => req.input_len,
        _ => req.buffer.len(),
    };
    if u32::try_from(have).is_ok_and(|h| h < row.min_len) {
        req.bytes_needed = row.min_len;
        return Err(NDIS_STATUS_INVALID_LENGTH);
    }
    Ok((owner, row))
}

#[cfg(test)]
mod tests {
    use super::*;
    use svnic_abi::status::{NDIS_STATUS_INVALID_LENGTH, NDIS_STATUS_NOT_SUPPORTED};

    const A: &[OidRow] = &[
        OidRow::new(RequestType::Query, 0x10, 4),
        OidRow::new(RequestType::Set, 0x10, 8),
    ];
    const B: &[OidRow] = &[
        OidRow::new(RequestType::Method, 0x20, 16),
        OidRow::new(RequestType::Query, 0x10, 4),
    ];

    fn table() -> OidTable {
        OidTable {
            parts: [(OidOwner::General, A), (OidOwner::Vmq, B), (OidOwner::Sriov, &[])],
        }
    }

    fn req(rt: RequestType, oid: u32, buf: &mut [u8], input_len: usize) -> OidRequest<'_> {
        OidRequest {
            request_type: rt,
            oid,
            buffer: buf,
            input_len,
            bytes_read: 7,
            bytes_written: 7,
            bytes_needed: 7,
            token: OidToken(1),
        }
    }

    #[test]
    fn lookup_is_keyed_by_request_type_and_oid() {
        let t = table();
        assert_eq!(
            t.lookup(RequestType::Set, 0x10),
            Lookup::Found(OidOwner::General, A[1])
        );
        assert_eq!(
            t.lookup(RequestType::QueryStatistics, 0x10),
            Lookup::Found(OidOwner::General, A[0])
        );
        assert_eq!(t.lookup(RequestType::Method, 0x10), Lookup::WrongType);
        assert_eq!(t.lookup(RequestType::Query, 0x99), Lookup::Unknown);
        assert_eq!(
            t.lookup(RequestType::Method, 0x20),
            Lookup::Found(OidOwner::Vmq, B[0])
        );
    }

    #[test]
    fn supported_list_is_the_distinct_oids_in_table_order() {
        assert_eq!(
            table().supported_oids().collect::<alloc::vec::Vec<_>>(),
            alloc::vec![0x10, 0x20]
        );
        assert_eq!(table().supported_count(), 2);
    }

    #[test]
    fn precheck_reports_exact_bytes_needed_and_clears_counts() {
        let t = table();
        let mut b = [0u8; 7];
        let mut r = req(RequestType::Set, 0x10, &mut b, 7);
        assert_eq!(precheck(&t, &mut r), Err(NDIS_STATUS_INVALID_LENGTH));
        assert_eq!((r.bytes_read, r.bytes_written, r.bytes_needed), (0, 0, 8));
        // Method: the input length counts, not the buffer.
        let mut b = [0u8; 64];
        let mut r = req(RequestType::Method, 0x20, &mut b, 15);
        assert_eq!(precheck(&t, &mut r), Err(NDIS_STATUS_INVALID_LENGTH));
        assert_eq!(r.bytes_needed, 16);
        let mut r = req(RequestType::Method, 0x20, &mut b, 16);
        assert_eq!(precheck(&t, &mut r), Ok((OidOwner::Vmq, B[0])));
        let mut r = req(RequestType::Set, 0x20, &mut b, 64);
        assert_eq!(precheck(&t, &mut r), Err(NDIS_STATUS_NOT_SUPPORTED));
        assert_eq!(r.bytes_needed, 0);
    }
}
