"""Delivery: the outbox worker (rate limits, retries), rendering of pushed messages, the scheduler."""
