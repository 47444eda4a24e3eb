"""Getting messages to customs and receipts back: outbox folders, HTTP, the DXP envelope, the
receipt reader and a local customs simulator."""
