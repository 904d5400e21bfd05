//! The browser's live connection to the server (websocket with reconnect and offline queue).
