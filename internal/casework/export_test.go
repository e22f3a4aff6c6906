package casework

// SetBatches sets CompileEach's batch sizes for a test and returns what
// puts them back.
func SetBatches(first, most, rows int) (restore func()) {
	f, m, r := firstBatch, maxBatch, batchRows
	firstBatch, maxBatch, batchRows = first, most, rows
	return func() { firstBatch, maxBatch, batchRows = f, m, r }
}
