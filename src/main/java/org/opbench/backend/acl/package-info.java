/**
 * The Arm Compute Library backend ({@code acl}): NEON and OpenCL functions of Debian's ACL 20.08 through the JavaCPP
 * binding built from {@code native/acl} for linux-arm64. On other platforms the backend is unavailable in-process;
 * its workers can run on an arm64 board or under qemu through the sweep's worker launcher.
 */
package org.opbench.backend.acl;
