package io.waddle.autoscaler.core.model;

/** What a decision is about: one service of one kind in one region. */
public record Subject(String service, String region, ServiceKind kind) {}
