package dev.maia.core.validate;

import dev.maia.core.load.SourceMap;
import dev.maia.core.model.Cluster;
import dev.maia.core.model.Cluster.PortRange;
import dev.maia.core.model.Platform;

/**
 * A cluster's NodePort ranges (ssh, dicom) lie in Kubernetes' default NodePort range, run from a
 * lower to a higher port, and do not overlap, so the lock file never hands out one port twice.
 */
final class PortRules implements SemanticRule {

  /** Kubernetes' default {@code --service-node-port-range}. */
  static final int NODE_PORT_MIN = 30000;

  static final int NODE_PORT_MAX = 32767;

  @Override
  public void check(Platform platform, SourceMap sources, Problems problems) {
    for (int j = 0; j < platform.clusters().size(); j++) {
      Cluster cluster = platform.clusters().get(j);
      String ports = Pointers.cluster(j) + "/ports";
      boolean ssh = range("ssh", cluster.ports().ssh(), ports + "/ssh", problems);
      boolean dicom = range("dicom", cluster.ports().dicom(), ports + "/dicom", problems);
      if (ssh && dicom && cluster.ports().ssh().overlaps(cluster.ports().dicom())) {
        boolean dicomWritten = sources.contains(ports + "/dicom");
        String at = dicomWritten ? ports + "/dicom" : ports + "/ssh";
        String other = dicomWritten ? ports + "/ssh" : ports + "/dicom";
        String name = dicomWritten ? "dicom" : "ssh";
        String otherName = dicomWritten ? "ssh" : "dicom";
        PortRange mine = dicomWritten ? cluster.ports().dicom() : cluster.ports().ssh();
        PortRange theirs = dicomWritten ? cluster.ports().ssh() : cluster.ports().dicom();
        problems.add(
            at,
            name
                + " ports "
                + mine
                + " overlap "
                + (sources.contains(other) ? "" : "the default ")
                + otherName
                + " ports "
                + theirs
                + (sources.contains(other) ? " at " + sources.locate(other) : ""),
            "choose ranges that do not overlap");
      }
    }
  }

  /** Reports a range that is reversed or outside the NodePort range; returns whether it is usable. */
  private static boolean range(String name, PortRange range, String pointer, Problems problems) {
    boolean ok = true;
    if (range.from() < NODE_PORT_MIN || range.from() > NODE_PORT_MAX) {
      problems.add(pointer + "/0", outside(name, range.from()), hint());
      ok = false;
    }
    if (range.to() < NODE_PORT_MIN || range.to() > NODE_PORT_MAX) {
      problems.add(pointer + "/1", outside(name, range.to()), hint());
      ok = false;
    }
    if (ok && range.from() > range.to()) {
      problems.add(
          pointer,
          name + " port range " + range + " is empty: " + range.from() + " is greater than " + range.to(),
          "write [from, to] with from <= to");
      ok = false;
    }
    return ok;
  }

  private static String outside(String name, int port) {
    return name + " port " + port + " is outside the NodePort range " + NODE_PORT_MIN + "-" + NODE_PORT_MAX;
  }

  private static String hint() {
    return "Kubernetes allocates NodePorts from " + NODE_PORT_MIN + "-" + NODE_PORT_MAX + " by default; choose ports in it";
  }
}
