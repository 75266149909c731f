/**
 * The identity layer of rendering: who may log in where. {@link
 * dev.maia.core.render.identity.ArgoCdLoginRenderer} writes ArgoCD's own side, its OIDC login
 * against the platform's realm and its global RBAC, so that the roles of the AppProjects take
 * effect.
 */
package dev.maia.core.render.identity;
