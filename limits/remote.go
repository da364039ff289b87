package limits

import "time"

// Remote bounds what following http(s) references may cost one run, all
// documents together: a server chosen by a pull request could otherwise
// answer slowly, endlessly or hugely. A zero field means no limit.
type Remote struct {
	MaxTime  time.Duration // one deadline for every remote fetch of the run, counted from the first
	MaxSize  int64         // bytes of one response
	MaxTotal int64         // bytes of all responses together
}

// DefaultRemote is far above what schema files need.
var DefaultRemote = Remote{
	MaxTime:  30 * time.Second,
	MaxSize:  8 << 20,
	MaxTotal: 32 << 20,
}

// The remote limits, named like the others (the flag is "--max-" + Name).
const (
	RemoteTime  Name = "remote-time"
	RemoteSize  Name = "remote-size"
	RemoteTotal Name = "remote-total"
)
