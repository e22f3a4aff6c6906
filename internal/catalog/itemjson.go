package catalog

import (
	"time"
)

// Schema names the JSON form of an item, one object a line in an export.
const Schema = "gongkai.item/v1"

// An ItemJSON is an item in gongkai.item/v1 (catalog.md §2): its live
// content with the 索引号, the publishing agency, the publication time,
// the 解读 links both ways and the history.
type ItemJSON struct {
	Schema  string `json:"schema,omitempty"`
	IndexNo string `json:"index_no"`
	Agency  string `json:"agency"`
	Content
	// Attachments shadows Content's: files by path relative to the JSON
	// Lines file, or inside the zip beside it.
	Attachments   []FileJSON     `json:"attachments,omitempty"`
	PublishedAt   time.Time      `json:"published_at"`
	InterpretedBy []string       `json:"interpreted_by,omitempty"`
	Withdrawn     *WithdrawnJSON `json:"withdrawn,omitempty"`
	History       []HistoryJSON  `json:"history,omitempty"`
}

// A FileJSON is an attachment in gongkai.item/v1.
type FileJSON struct {
	Name        string `json:"name"`
	Path        string `json:"path"`
	ContentType string `json:"content_type,omitempty"`
	Size        int64  `json:"size,omitempty"`
	SHA256      string `json:"sha256,omitempty"`
}

// A WithdrawnJSON says when and why a published item was withdrawn.
type WithdrawnJSON struct {
	At     time.Time `json:"at"`
	Reason string    `json:"reason"`
}

// A HistoryJSON is one step of an item's history: draft, review,
// publication, correction, withdrawal, import.
type HistoryJSON struct {
	Action  string    `json:"action"`
	At      time.Time `json:"at"`
	By      string    `json:"by,omitempty"`
	Role    string    `json:"role,omitempty"`
	Version int       `json:"version,omitempty"`
	Note    string    `json:"note,omitempty"`
}
