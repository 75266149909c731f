package dev.maia.core;

import dev.maia.core.verify.VerifyResult;

/** What a verify run did: the tree it generated, and what rendering its charts found. */
public record VerifyOutcome(GenerateResult generated, VerifyResult verified) {}
