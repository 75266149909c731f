/**
 * Would a cluster admit what the tree and its charts make: quota, Pod Security, network policies
 * and the GPU booking policy, checked on the rendered objects.
 */
package dev.maia.core.verify.admission;
