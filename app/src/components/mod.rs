//! Pieces shared by several screens.
