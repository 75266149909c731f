package dev.maia.core;

import dev.maia.core.output.OutputConflictException;
import dev.maia.core.output.OutputWriteException;
import dev.maia.core.output.UnsafeOutputException;
import dev.maia.core.validate.InvalidPlatformException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A test-only program that runs {@link MaiaCompiler#generate} once, so that tests can run the
 * compiler as a process of its own: kill it, run two at once, or start it with another default
 * locale, time zone or charset. Usage: {@code GenerateMain PLATFORM OUTPUT NOW}.
 *
 * <p>Exit codes: 0 written, 2 invalid platform, 3 unsafe output, 4 output folder conflict or IO
 * failure, 1 anything else. The message of a failure goes to standard error, one line per problem.
 */
public final class GenerateMain {

  static final int WRITTEN = 0;
  static final int INVALID = 2;
  static final int UNSAFE = 3;
  static final int OUTPUT_FOLDER = 4;

  private GenerateMain() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: GenerateMain PLATFORM OUTPUT NOW");
      System.exit(1);
    }
    int code;
    try {
      GenerateResult result =
          new MaiaCompiler(MaiaLog.silent()).generate(new GenerateRequest(Path.of(args[0]), Path.of(args[1]), Instant.parse(args[2])));
      System.out.println("written " + result.written().size() + ", unchanged " + result.unchanged() + ", removed " + result.removed().size());
      code = WRITTEN;
    } catch (InvalidPlatformException e) {
      System.err.println(e.getMessage());
      code = INVALID;
    } catch (UnsafeOutputException e) {
      System.err.println(e.getMessage());
      code = UNSAFE;
    } catch (OutputConflictException | OutputWriteException e) {
      System.err.println(e.getMessage());
      code = OUTPUT_FOLDER;
    }
    System.exit(code);
  }
}
