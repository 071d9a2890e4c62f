"""Ordered small steps that turn one stored file into page text (and, later, much more)."""

from worker.pipeline.runner import PipelineSettings, run_pipeline

__all__ = ["PipelineSettings", "run_pipeline"]
