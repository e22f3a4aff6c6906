package audit

// SetExportPage sets the export page size for a test and returns a func
// that restores it.
func SetExportPage(n int) func() {
	old := exportPage
	exportPage = n
	return func() { exportPage = old }
}
