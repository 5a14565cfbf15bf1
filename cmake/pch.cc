// Anchor for the shared precompiled header; see cmake/Weishang.cmake.
