//! The control-device request/response protocol spoken by svnicctl.
