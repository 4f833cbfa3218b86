"""Kafka adapters (confluent-kafka, i.e. librdkafka): the relay's publisher and a consumer."""
