package dev.maia.core;

import dev.maia.core.load.LoadedPlatform;
import dev.maia.core.load.PlatformLoader;
import dev.maia.core.model.Platform;
import dev.maia.core.model.PlatformReader;
import dev.maia.core.validate.InvalidPlatformException;
import dev.maia.core.validate.Problem;
import dev.maia.core.validate.SchemaValidator;
import dev.maia.core.validate.SemanticValidator;
import java.nio.file.Path;
import java.util.List;

/**
 * The compiler's front door: load, validate, model, and (in {@link #generate}) plan, render and
 * write. Thread-safe: instances hold no mutable state.
 */
public final class MaiaCompiler {

  private final MaiaLog log;
  private final PlatformLoader loader = new PlatformLoader();
  private final SchemaValidator schema = new SchemaValidator();
  private final SemanticValidator semantics = new SemanticValidator();
  private final PlatformReader reader = new PlatformReader();

  public MaiaCompiler(MaiaLog log) {
    this.log = log;
  }

  /**
   * Loads and checks the platform.
   *
   * @throws InvalidPlatformException with every problem, sorted by position
   */
  public ValidPlatform validate(Path platformFile) {
    LoadedPlatform loaded = loader.load(platformFile);
    List<Problem> schemaProblems = schema.validate(loaded.document(), loaded.sources());
    if (!schemaProblems.isEmpty()) {
      throw new InvalidPlatformException(schemaProblems);
    }
    Platform platform = reader.read(loaded.document());
    List<Problem> semanticProblems = semantics.validate(platform, loaded.sources());
    if (!semanticProblems.isEmpty()) {
      throw new InvalidPlatformException(semanticProblems);
    }
    log.debug("Read " + loaded.files().size() + " file(s): " + String.join(", ", loaded.files()));
    return new ValidPlatform(loaded, platform);
  }

  /**
   * Validates, then plans, renders and writes the GitOps tree. Nothing is written unless the whole
   * platform is valid, and the previous tree stays intact until the new one is complete.
   *
   * @throws InvalidPlatformException with every problem of the input; the output is untouched
   */
  public GenerateResult generate(GenerateRequest request) {
    ValidPlatform valid = validate(request.platformFile());
    throw new UnsupportedOperationException("generation is being built: " + valid.platform().name());
  }
}
