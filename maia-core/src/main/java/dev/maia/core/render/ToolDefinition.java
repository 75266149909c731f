package dev.maia.core.render;

/**
 * One tool of the catalog: its Helm chart pinned to an exact version, the template of its values,
 * the path it is served under on the project's host, and its ArgoCD sync wave.
 */
record ToolDefinition(
    String id,
    String description,
    String repoURL,
    String chart,
    String version,
    String valuesTemplate,
    String path,
    int syncWave) {}
