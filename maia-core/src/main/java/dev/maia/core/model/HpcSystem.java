package dev.maia.core.model;

import java.util.List;
import java.util.Optional;

/** An external HPC system that projects may submit jobs to. */
public record HpcSystem(
    String name,
    String host,
    String scheduler,
    String account,
    String partition,
    List<String> projects,
    Optional<String> credentialsKey) {

  public HpcSystem {
    projects = List.copyOf(projects);
  }
}
