"""Telemetry adapters: Prometheus metrics, OpenTelemetry traces, structured logs."""
