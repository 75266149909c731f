package dev.maia.core.render;

import dev.maia.core.load.SourceLocation;

/**
 * A template that could not be rendered, located in the template itself ({@code
 * templates/minio/values.yaml.ftl:12:5}, or in the file it includes): what went wrong and how to
 * fix it. Never carries a Java stack trace into a message.
 */
final class TemplateFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Whether rendering the template elsewhere could tell more. */
  enum Kind {
    /** A mistake of the template: its syntax, a value it reads, a built-in it may not use. */
    TEMPLATE,
    /** It ran out of its time, output or nesting budget: rendering it elsewhere costs as much again. */
    BUDGET
  }

  private final transient SourceLocation location;
  private final String hint;
  private final Kind kind;

  TemplateFailure(SourceLocation location, String message, String hint, Kind kind) {
    super(message, null, false, false);
    this.location = location;
    this.hint = hint;
    this.kind = kind;
  }

  SourceLocation location() {
    return location;
  }

  /** How to fix it, or {@code null}. */
  String hint() {
    return hint;
  }

  Kind kind() {
    return kind;
  }
}
