//! A local emulator of Agora's Cloud Recording and Cloud Transcoding REST APIs.
//!
//! Empty until the emulator lands: it will serve both APIs on loopback with the documented state
//! machines, codes and limits, for every test and for the app's built-in Sandbox profile.
