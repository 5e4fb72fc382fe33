//! The governor's proposal lifecycle, written once for every client, tool and test:
//! propose → (voting delay) → vote → (voting period) → queue → (timelock) → execute.
//!
//! [`action`] turns a typed message into a proposal's [`Action`] (so a proposal's calls are
//! checked by the compiler like any other); [`Governance`] steps a governor's proposals
//! through their states, building blocks where the lifecycle waits; [`Governance::enact`] runs
//! the whole lifecycle for a proposal its proposer's votes alone carry.

use governor::GovernorRef;
use sovra_interfaces::governance::{Action, GovernorError, ProposalId, ProposalState, ProposalView, Support};

use crate::{Chain, Contract, Error, Message, Outcome};

/// The proposal action that makes the call `message` describes, sending `value` with it (the
/// builder's own transferred value is not used: the action's `value` is what the governor sends).
pub fn action<M: Message>(message: M, value: u128) -> Action {
    let (callee, input, _) = message.into_parts();
    let (selector, args) = input.split_at(4.min(input.len()));
    Action { callee, selector: selector.try_into().ok(), input: args.to_vec(), value }
}

/// Builds blocks until calls run after `block` (nothing when they already do).
pub fn pass(chain: &mut Chain, block: u32) -> Result<(), Error> {
    let now = chain.block()?;
    if now <= block {
        chain.advance_blocks(block - now + 1)?;
    }
    Ok(())
}

/// Why a lifecycle step did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepError {
    /// The chain or the client failed.
    Client(Error),
    /// The governor refused the step.
    Refused(&'static str, GovernorError),
    /// No proposal has this id.
    UnknownProposal(ProposalId),
}

impl From<Error> for StepError {
    fn from(e: Error) -> Self {
        StepError::Client(e)
    }
}

impl std::fmt::Display for StepError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StepError::Client(e) => write!(f, "{e}"),
            StepError::Refused(step, e) => write!(f, "{step}: the governor refused: {e:?}"),
            StepError::UnknownProposal(id) => write!(f, "no proposal 0x{}", crate::deployment::hex(id)),
        }
    }
}

impl std::error::Error for StepError {}

fn refused<T>(step: &'static str, out: Outcome<Result<T, GovernorError>>) -> Result<Outcome<T>, StepError> {
    let Outcome { value, reverted, gas_consumed, gas_required, storage_deposit, events } = out;
    let value = value.map_err(|e| StepError::Refused(step, e))?;
    Ok(Outcome { value, reverted, gas_consumed, gas_required, storage_deposit, events })
}

/// A governor's proposals on a chain.
pub struct Governance<'a> {
    pub chain: &'a mut Chain,
    pub governor: &'a Contract,
}

impl<'a> Governance<'a> {
    /// The proposals of `governor` on `chain`.
    pub fn new(chain: &'a mut Chain, governor: &'a Contract) -> Self {
        Governance { chain, governor }
    }

    fn calls(&self) -> <GovernorRef as ink::codegen::TraitCallBuilder>::Builder {
        self.governor.calls::<GovernorRef>()
    }

    /// The proposal `id` as the governor reports it.
    pub fn view(&mut self, id: ProposalId) -> Result<ProposalView, StepError> {
        let message = self.calls().proposal(id);
        self.chain.read(message)?.ok_or(StepError::UnknownProposal(id))
    }

    /// `proposer` proposes `actions` with `description`; the outcome holds the proposal's id.
    pub fn propose(&mut self, proposer: [u8; 32], actions: Vec<Action>, description: &str) -> Result<Outcome<ProposalId>, StepError> {
        let message = self.calls().propose(actions, description.as_bytes().to_vec());
        refused("propose", self.chain.call(proposer, message)?)
    }

    /// Builds blocks until voting on `id` is open (after its snapshot block).
    pub fn open(&mut self, id: ProposalId) -> Result<(), StepError> {
        let snapshot = self.view(id)?.snapshot;
        Ok(pass(self.chain, snapshot)?)
    }

    /// `voter` votes `support` on `id` with `reason`.
    pub fn vote(&mut self, voter: [u8; 32], id: ProposalId, support: Support, reason: &str) -> Result<Outcome<()>, StepError> {
        let message = self.calls().cast_vote(id, support, reason.as_bytes().to_vec());
        refused("cast_vote", self.chain.call(voter, message)?)
    }

    /// Builds blocks until voting on `id` has ended; its state then.
    pub fn close(&mut self, id: ProposalId) -> Result<ProposalState, StepError> {
        let deadline = self.view(id)?.deadline;
        pass(self.chain, deadline)?;
        Ok(self.view(id)?.state)
    }

    /// `by` queues the succeeded proposal `id` into the timelock.
    pub fn queue(&mut self, by: [u8; 32], id: ProposalId) -> Result<Outcome<()>, StepError> {
        let message = self.calls().queue(id);
        refused("queue", self.chain.call(by, message)?)
    }

    /// Builds blocks until the queued proposal `id` may execute (its eta).
    pub fn wait_for_eta(&mut self, id: ProposalId) -> Result<(), StepError> {
        if let Some(eta) = self.view(id)?.eta {
            let now = self.chain.block()?;
            if now < eta {
                self.chain.advance_blocks(eta - now)?;
            }
        }
        Ok(())
    }

    /// `by` (anyone) executes the queued proposal `id`.
    pub fn execute(&mut self, by: [u8; 32], id: ProposalId) -> Result<Outcome<()>, StepError> {
        let message = self.calls().execute(id);
        refused("execute", self.chain.call(by, message)?)
    }

    /// The whole lifecycle of a proposal `proposer`'s votes alone carry: propose, vote For,
    /// queue after the vote, execute after the timelock. The id and the execution's outcome.
    pub fn enact(&mut self, proposer: [u8; 32], actions: Vec<Action>, description: &str) -> Result<(ProposalId, Outcome<()>), StepError> {
        let id = self.propose(proposer, actions, description)?.value;
        self.open(id)?;
        self.vote(proposer, id, Support::For, "")?;
        let state = self.close(id)?;
        if state != ProposalState::Succeeded {
            return Err(StepError::Refused("close", GovernorError::UnexpectedState(state)));
        }
        self.queue(proposer, id)?;
        self.wait_for_eta(id)?;
        let executed = self.execute(proposer, id)?;
        Ok((id, executed))
    }
}
