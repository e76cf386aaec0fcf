//! The pure VMQ state machine: queues, filters, states and affinity (spec 1.3, 1.4, 1.10), in
//! Rust-native types. No bytes, no OS, no device: the OID glue validates and parses, the engine
//! performs device/OS side effects, and this module decides what is legal and what the new state is.
//!
//! Each operation is split into `check_*` (no change on error: spec 5 item 5 "no state change")
//! and a commit that cannot fail, so the engine can do a fallible device step in between.

use super::device::{FilterSpec, RxTarget};
use super::wire::CountedName;
use crate::os::ProcessorNumber;
use alloc::vec::Vec;
use svnic_abi::status::{
    NdisStatus, NDIS_STATUS_FAILURE, NDIS_STATUS_INVALID_PARAMETER, NDIS_STATUS_NOT_SUPPORTED,
    NDIS_STATUS_RESOURCES,
};
use svnic_abi::vmq::{
    NdisReceiveQueueOperationalStateDmaStopped, NdisReceiveQueueOperationalStatePaused,
    NdisReceiveQueueOperationalStateRunning,
};

/// Why a VMQ operation was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VmqError {
    InvalidParameter,
    NotSupported,
    Resources,
    Failure,
}

impl VmqError {
    pub const fn status(self) -> NdisStatus {
        match self {
            Self::InvalidParameter => NDIS_STATUS_INVALID_PARAMETER,
            Self::NotSupported => NDIS_STATUS_NOT_SUPPORTED,
            Self::Resources => NDIS_STATUS_RESOURCES,
            Self::Failure => NDIS_STATUS_FAILURE,
        }
    }
}

/// GROUP_AFFINITY as the queue was given it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GroupAffinity {
    pub mask: u64,
    pub group: u16,
}

impl GroupAffinity {
    /// The processor a queue with this affinity runs on: the lowest set bit (spec 1.10 [SAMPLE]),
    /// if the group exists and that processor is present (`active(group)` = processors in group).
    pub fn processor(&self, active: impl Fn(u16) -> u32) -> Option<ProcessorNumber> {
        if self.mask == 0 {
            return None;
        }
        let number = self.mask.trailing_zeros();
        if number >= active(self.group) || number > u32::from(u8::MAX) {
            return None;
        }
        Some(ProcessorNumber {
            group: self.group,
            number: u8::try_from(number).ok()?,
        })
    }
}

/// The members of NDIS_RECEIVE_QUEUE_PARAMETERS a queue keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueParams {
    /// Low 16 bits only (PER_QUEUE_RECEIVE_INDICATION, LOOKAHEAD_SPLIT_REQUIRED).
    pub flags: u32,
    pub affinity: GroupAffinity,
    pub suggested_buffers: u32,
    pub vm_name: CountedName,
    pub queue_name: CountedName,
    pub port_id: u32,
}

/// Spec 1.3 states (Undefined = no queue in the slot).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueueState {
    /// Allocated, no filter, allocation not completed.
    Allocated,
    /// At least one filter, allocation not completed.
    Set,
    /// Completed with at least one filter: the only state that indicates receives.
    Running,
    /// Completed without filters.
    Paused,
    /// FREE_QUEUE accepted: DMA stopped, waiting for NBLs.
    Freeing,
}

impl QueueState {
    /// NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE for NDIS_RECEIVE_QUEUE_INFO. Allocated and Set report
    /// Paused: the allocate-queue page says "after ALLOCATE the queue is in the Paused state"
    /// (spec 6; docs/vmq.md).
    pub const fn operational(self) -> u32 {
        match self {
            Self::Running => NdisReceiveQueueOperationalStateRunning,
            Self::Allocated | Self::Set | Self::Paused => NdisReceiveQueueOperationalStatePaused,
            Self::Freeing => NdisReceiveQueueOperationalStateDmaStopped,
        }
    }

    /// Whether QUEUE_ALLOCATION_COMPLETE has run.
    pub const fn completed(self) -> bool {
        matches!(self, Self::Running | Self::Paused)
    }
}

/// One allocated VM queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Queue {
    pub id: u16,
    pub state: QueueState,
    pub params: QueueParams,
    pub processor: ProcessorNumber,
    pub num_filters: u32,
}

/// One filter: NDIS's FilterId, what it matches, where it steers, and the device's handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filter {
    pub id: u32,
    pub target: RxTarget,
    pub spec: FilterSpec,
    pub device_handle: u32,
}

/// A state change of one queue caused by an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transition {
    pub queue: u16,
    pub from: QueueState,
    pub to: QueueState,
}

/// Queues and filters of one adapter. Slot `i` of `queues` holds QueueId `i` (slot 0, the default
/// queue, is never used: it always exists and is never allocated or freed, spec 1.7).
#[derive(Debug)]
pub struct VmqState {
    queues: Vec<Option<Queue>>,
    filters: Vec<Option<Filter>>,
}

impl VmqState {
    /// Room for `num_queues` VM queues (QueueIds 1..=num_queues) and `max_filters` filters.
    /// Allocates; call at adapter init.
    pub fn new(num_queues: u16, max_filters: u16) -> Self {
        let mut queues = Vec::new();
        queues.resize(usize::from(num_queues).saturating_add(1), None);
        let mut filters = Vec::new();
        filters.resize(usize::from(max_filters), None);
        Self { queues, filters }
    }

    pub fn num_queues(&self) -> u16 {
        u16::try_from(self.queues.len().saturating_sub(1)).unwrap_or(u16::MAX)
    }

    pub fn max_filters(&self) -> usize {
        self.filters.len()
    }

    pub fn queue(&self, id: u32) -> Option<&Queue> {
        if id == 0 {
            return None;
        }
        self.queues.get(usize::try_from(id).ok()?)?.as_ref()
    }

    fn queue_mut(&mut self, id: u32) -> Option<&mut Queue> {
        if id == 0 {
            return None;
        }
        self.queues.get_mut(usize::try_from(id).ok()?)?.as_mut()
    }

    pub fn queues(&self) -> impl Iterator<Item = &Queue> {
        self.queues.iter().flatten()
    }

    pub fn filters(&self) -> impl Iterator<Item = &Filter> {
        self.filters.iter().flatten()
    }

    pub fn filter(&self, id: u32) -> Option<&Filter> {
        self.filters().find(|f| f.id == id)
    }

    pub fn allocated_count(&self) -> usize {
        self.queues().count()
    }

    // ---- ALLOCATE_QUEUE -------------------------------------------------------------------

    /// Exhaustion first (RESOURCES: spec 5 item 4), then the id NDIS assigned must be a free slot
    /// in 1..=NumQueues (INVALID_PARAMETER, as netvmini).
    pub fn check_allocate(&self, id: u32) -> Result<(), VmqError> {
        if self.allocated_count() >= usize::from(self.num_queues()) {
            return Err(VmqError::Resources);
        }
        if id == 0 || id > u32::from(self.num_queues()) || self.queue(id).is_some() {
            return Err(VmqError::InvalidParameter);
        }
        Ok(())
    }

    /// Commit a checked allocation: the queue starts Allocated with no filter.
    pub fn commit_allocate(&mut self, id: u16, params: QueueParams, processor: ProcessorNumber) {
        if let Some(slot) = self.queues.get_mut(usize::from(id)) {
            *slot = Some(Queue {
                id,
                state: QueueState::Allocated,
                params,
                processor,
                num_filters: 0,
            });
        }
    }

    // ---- SET_FILTER -----------------------------------------------------------------------

    /// FilterId non-zero and unused; target is the default queue or an allocated queue that is not
    /// being freed (vPort targets are checked by their owner); a free filter slot.
    pub fn check_set_filter(&self, id: u32, target: RxTarget) -> Result<(), VmqError> {
        if id == 0 || self.filter(id).is_some() {
            return Err(VmqError::InvalidParameter);
        }
        if let RxTarget::Queue(q) = target {
            if q != 0 {
                match self.queue(u32::from(q)) {
                    Some(queue) if queue.state != QueueState::Freeing => {}
                    _ => return Err(VmqError::InvalidParameter),
                }
            }
        }
        if self.filters.iter().all(Option::is_some) {
            return Err(VmqError::Resources);
        }
        Ok(())
    }

    /// Commit a checked filter; returns the target queue's transition (Allocated -> Set,
    /// Paused -> Running, others unchanged).
    pub fn commit_set_filter(&mut self, filter: Filter) -> Option<Transition> {
        if let Some(slot) = self.filters.iter_mut().find(|f| f.is_none()) {
            *slot = Some(filter);
        }
        let RxTarget::Queue(q) = filter.target else {
            return None;
        };
        let queue = self.queue_mut(u32::from(q))?;
        queue.num_filters = queue.num_filters.saturating_add(1);
        let from = queue.state;
        queue.state = match from {
            QueueState::Allocated => QueueState::Set,
            QueueState::Paused => QueueState::Running,
            s => s,
        };
        Some(Transition {
            queue: q,
            from,
            to: queue.state,
        })
    }

    // ---- CLEAR_FILTER ---------------------------------------------------------------------

    /// Remove filter `id` set on queue `queue_id`. FilterId 0, an unknown FilterId or a QueueId
    /// that is not the filter's queue: INVALID_PARAMETER (the miniport-direct status, spec 5 item 6).
    /// Returns the filter and the queue's transition (last filter: Set -> Allocated,
    /// Running -> Paused).
    pub fn clear_filter(&mut self, queue_id: u32, id: u32) -> Result<(Filter, Option<Transition>), VmqError> {
        if id == 0 {
            return Err(VmqError::InvalidParameter);
        }
        let slot = self
            .filters
            .iter_mut()
            .find(|f| f.is_some_and(|f| f.id == id))
            .ok_or(VmqError::InvalidParameter)?;
        let filter = slot.ok_or(VmqError::InvalidParameter)?;
        match filter.target {
            RxTarget::Queue(q) if u32::from(q) == queue_id => {}
            _ => return Err(VmqError::InvalidParameter),
        }
        *slot = None;
        let RxTarget::Queue(q) = filter.target else {
            return Ok((filter, None));
        };
        let Some(queue) = self.queue_mut(u32::from(q)) else {
            return Ok((filter, None));
        };
        queue.num_filters = queue.num_filters.saturating_sub(1);
        let from = queue.state;
        if queue.num_filters == 0 {
            queue.state = match from {
                QueueState::Set => QueueState::Allocated,
                QueueState::Running => QueueState::Paused,
                s => s,
            };
        }
        Ok((
            filter,
            Some(Transition {
                queue: q,
                from,
                to: queue.state,
            }),
        ))
    }

    /// Every filter, mutably (reset re-programs each one and records its new device handle).
    pub fn filters_mut(&mut self) -> impl Iterator<Item = &mut Filter> {
        self.filters.iter_mut().flatten()
    }

    /// Remove a filter of any target by id (vPort owners, halt).
    pub fn remove_filter(&mut self, id: u32) -> Option<Filter> {
        let slot = self.filters.iter_mut().find(|f| f.is_some_and(|f| f.id == id))?;
        slot.take()
    }

    // ---- QUEUE_ALLOCATION_COMPLETE --------------------------------------------------------

    /// Only an allocated, not yet completed, not freeing queue can complete ([SAMPLE]: others get
    /// element status INVALID_PARAMETER).
    pub fn check_complete(&self, id: u32) -> Result<(), VmqError> {
        match self.queue(id) {
            Some(q) if matches!(q.state, QueueState::Allocated | QueueState::Set) => Ok(()),
            _ => Err(VmqError::InvalidParameter),
        }
    }

    /// Allocated -> Paused, Set -> Running.
    pub fn commit_complete(&mut self, id: u16) -> Option<Transition> {
        let queue = self.queue_mut(u32::from(id))?;
        let from = queue.state;
        queue.state = match from {
            QueueState::Allocated => QueueState::Paused,
            QueueState::Set => QueueState::Running,
            s => s,
        };
        Some(Transition {
            queue: id,
            from,
            to: queue.state,
        })
    }

    // ---- FREE_QUEUE -----------------------------------------------------------------------

    /// QueueId 0 (the default queue) is never freed; the queue must exist, have no filter left and
    /// not be freeing already (spec 1.3: FREE only in Allocated/Paused).
    pub fn check_free(&self, id: u32) -> Result<(), VmqError> {
        match self.queue(id) {
            Some(q) if matches!(q.state, QueueState::Allocated | QueueState::Paused) => Ok(()),
            _ => Err(VmqError::InvalidParameter),
        }
    }

    /// Mark a checked queue Freeing; returns whether it had completed allocation (has memory).
    pub fn begin_free(&mut self, id: u16) -> Option<Transition> {
        let queue = self.queue_mut(u32::from(id))?;
        let from = queue.state;
        queue.state = QueueState::Freeing;
        Some(Transition {
            queue: id,
            from,
            to: QueueState::Freeing,
        })
    }

    /// The free finished (every NBL back, memory freed): the slot becomes Undefined.
    pub fn finish_free(&mut self, id: u16) {
        if let Some(slot) = self.queues.get_mut(usize::from(id)) {
            if slot.is_some_and(|q| q.state == QueueState::Freeing) {
                *slot = None;
            }
        }
    }

    // ---- QUEUE_PARAMETERS set -------------------------------------------------------------

    /// The queue a QUEUE_PARAMETERS set may change: allocated and not freeing.
    pub fn check_params(&self, id: u32) -> Result<&Queue, VmqError> {
        match self.queue(id) {
            Some(q) if q.state != QueueState::Freeing => Ok(q),
            _ => Err(VmqError::InvalidParameter),
        }
    }

    /// Replace a queue's parameters and processor (already validated).
    pub fn commit_params(&mut self, id: u16, params: QueueParams, processor: ProcessorNumber) {
        if let Some(q) = self.queue_mut(u32::from(id)) {
            q.params = params;
            q.processor = processor;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::device::FilterVlan;
    use super::*;

    const P0: ProcessorNumber = ProcessorNumber { group: 0, number: 0 };

    fn filter(id: u32, q: u16) -> Filter {
        Filter {
            id,
            target: RxTarget::Queue(q),
            spec: FilterSpec {
                mac: [0, 1, 2, 3, 4, u8::try_from(id).unwrap()],
                vlan: FilterVlan::UntaggedOrZero,
            },
            device_handle: id,
        }
    }

    fn st(s: &VmqState, q: u32) -> QueueState {
        s.queue(q).unwrap().state
    }

    #[test]
    fn allocate_set_complete_reaches_running() {
        let mut s = VmqState::new(2, 4);
        s.check_allocate(1).unwrap();
        s.commit_allocate(1, QueueParams::default(), P0);
        assert_eq!(st(&s, 1), QueueState::Allocated);
        s.check_set_filter(5, RxTarget::Queue(1)).unwrap();
        s.commit_set_filter(filter(5, 1));
        assert_eq!(st(&s, 1), QueueState::Set);
        s.check_complete(1).unwrap();
        s.commit_complete(1);
        assert_eq!(st(&s, 1), QueueState::Running);
        assert_eq!(s.check_complete(1), Err(VmqError::InvalidParameter));
    }

    #[test]
    fn complete_without_filter_is_paused_and_first_filter_runs_it() {
        let mut s = VmqState::new(2, 4);
        s.commit_allocate(2, QueueParams::default(), P0);
        s.commit_complete(2);
        assert_eq!(st(&s, 2), QueueState::Paused);
        assert_eq!(st(&s, 2).operational(), 2);
        s.commit_set_filter(filter(1, 2));
        assert_eq!(st(&s, 2), QueueState::Running);
        assert_eq!(st(&s, 2).operational(), 1);
    }

    #[test]
    fn last_clear_pauses_running_queue_and_not_last_keeps_it_running() {
        let mut s = VmqState::new(1, 4);
        s.commit_allocate(1, QueueParams::default(), P0);
        s.commit_set_filter(filter(1, 1));
        s.commit_set_filter(filter(2, 1));
        s.commit_complete(1);
        let (_, t) = s.clear_filter(1, 1).unwrap();
        assert_eq!(t.unwrap().to, QueueState::Running);
        let (_, t) = s.clear_filter(1, 2).unwrap();
        assert_eq!(
            t,
            Some(Transition {
                queue: 1,
                from: QueueState::Running,
                to: QueueState::Paused
            })
        );
        assert_eq!(s.queue(1).unwrap().num_filters, 0);
    }

    #[test]
    fn last_clear_before_completion_returns_to_allocated() {
        let mut s = VmqState::new(1, 4);
        s.commit_allocate(1, QueueParams::default(), P0);
        s.commit_set_filter(filter(3, 1));
        s.clear_filter(1, 3).unwrap();
        assert_eq!(st(&s, 1), QueueState::Allocated);
    }

    #[test]
    fn allocation_beyond_num_queues_is_resources_and_bad_ids_invalid() {
        let mut s = VmqState::new(2, 4);
        assert_eq!(s.check_allocate(0), Err(VmqError::InvalidParameter));
        assert_eq!(s.check_allocate(3), Err(VmqError::InvalidParameter));
        s.commit_allocate(1, QueueParams::default(), P0);
        assert_eq!(s.check_allocate(1), Err(VmqError::InvalidParameter));
        s.commit_allocate(2, QueueParams::default(), P0);
        assert_eq!(s.check_allocate(1), Err(VmqError::Resources));
        s.begin_free(2);
        s.finish_free(2);
        assert_eq!(s.check_allocate(2), Ok(()));
    }

    #[test]
    fn filter_rules_zero_duplicate_unallocated_and_full() {
        let mut s = VmqState::new(2, 2);
        assert_eq!(
            s.check_set_filter(0, RxTarget::Queue(0)),
            Err(VmqError::InvalidParameter)
        );
        assert_eq!(
            s.check_set_filter(1, RxTarget::Queue(1)),
            Err(VmqError::InvalidParameter)
        );
        assert_eq!(s.check_set_filter(1, RxTarget::Queue(0)), Ok(()));
        s.commit_set_filter(filter(1, 0));
        assert_eq!(
            s.check_set_filter(1, RxTarget::Queue(0)),
            Err(VmqError::InvalidParameter)
        );
        s.commit_set_filter(filter(2, 0));
        assert_eq!(
            s.check_set_filter(3, RxTarget::Queue(0)),
            Err(VmqError::Resources)
        );
    }

    #[test]
    fn clear_filter_rejects_zero_unknown_and_wrong_queue() {
        let mut s = VmqState::new(2, 4);
        s.commit_allocate(1, QueueParams::default(), P0);
        s.commit_set_filter(filter(7, 1));
        assert_eq!(s.clear_filter(1, 0), Err(VmqError::InvalidParameter));
        assert_eq!(s.clear_filter(1, 8), Err(VmqError::InvalidParameter));
        assert_eq!(s.clear_filter(2, 7), Err(VmqError::InvalidParameter));
        assert_eq!(s.filters().count(), 1);
    }

    #[test]
    fn free_only_from_allocated_or_paused_and_never_queue_zero() {
        let mut s = VmqState::new(2, 4);
        assert_eq!(s.check_free(0), Err(VmqError::InvalidParameter));
        assert_eq!(s.check_free(1), Err(VmqError::InvalidParameter));
        s.commit_allocate(1, QueueParams::default(), P0);
        s.commit_set_filter(filter(1, 1));
        assert_eq!(s.check_free(1), Err(VmqError::InvalidParameter));
        s.clear_filter(1, 1).unwrap();
        assert_eq!(s.check_free(1), Ok(()));
        s.begin_free(1);
        assert_eq!(s.check_free(1), Err(VmqError::InvalidParameter));
        assert_eq!(
            s.check_set_filter(2, RxTarget::Queue(1)),
            Err(VmqError::InvalidParameter)
        );
        assert_eq!(st(&s, 1).operational(), 3);
        s.finish_free(1);
        assert!(s.queue(1).is_none());
    }

    #[test]
    fn affinity_uses_lowest_set_bit_and_validates_group_and_count() {
        let two = |g: u16| if g == 0 { 2 } else { 0 };
        assert_eq!(GroupAffinity { mask: 0, group: 0 }.processor(two), None);
        assert_eq!(
            GroupAffinity {
                mask: 0b110,
                group: 0
            }
            .processor(two),
            Some(ProcessorNumber { group: 0, number: 1 })
        );
        assert_eq!(
            GroupAffinity {
                mask: 0b100,
                group: 0
            }
            .processor(two),
            None
        );
        assert_eq!(GroupAffinity { mask: 1, group: 1 }.processor(two), None);
    }
}
