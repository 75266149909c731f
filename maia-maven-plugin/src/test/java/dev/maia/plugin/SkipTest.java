package dev.maia.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SkipTest {

  @Test
  void aGoalRunsWhenNothingIsSkipped() {
    assertThat(AbstractMaiaMojo.skippedBy(false, false, "generate")).isEmpty();
  }

  @Test
  void theGoalsOwnPropertySkipsIt() {
    assertThat(AbstractMaiaMojo.skippedBy(false, true, "generate")).contains("maia.generate.skip");
    assertThat(AbstractMaiaMojo.skippedBy(false, true, "validate")).contains("maia.validate.skip");
  }

  @Test
  void maiaSkipSkipsEveryGoalAndIsTheOneNamed() {
    assertThat(AbstractMaiaMojo.skippedBy(true, false, "validate")).contains("maia.skip");
    assertThat(AbstractMaiaMojo.skippedBy(true, true, "generate")).contains("maia.skip");
  }
}
