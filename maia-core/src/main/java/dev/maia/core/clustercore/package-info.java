/**
 * The core layer: the foundation every cluster gets from the tree (ingress controller, MetalLB,
 * cert-manager and its ClusterIssuer, the secrets operator and its store, the NVIDIA GPU operator
 * with its sharing, Kueue, storage provisioners, monitoring). {@link
 * dev.maia.core.clustercore.CorePlan} decides which components a cluster gets; {@link
 * dev.maia.core.clustercore.CoreRenderer} writes their Applications and the objects that
 * configure them.
 */
package dev.maia.core.clustercore;
