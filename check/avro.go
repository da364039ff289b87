package check

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/hamba/avro/v2"

	"github.com/eventdiff/eventdiff/tree"
)

// avroCodec decodes Avro binary payloads with a message's own Avro schema
// as the writer schema. There is no schema registry here: the schema id
// in the wire format is read and ignored, and the payload is valid under
// a document when its body decodes with that document's schema and
// nothing is left over.
type avroCodec struct {
	node *tree.Node
	once sync.Once
	sch  avro.Schema
	err  error
}

// avroAPI bounds what decoding untrusted bytes may allocate: no string or
// bytes value, and no array or map, larger than a message can be.
var avroAPI = avro.Config{MaxByteSliceSize: DefaultMaxLine, MaxSliceAllocSize: DefaultMaxLine}.Freeze()

func newAvroCodec(n *tree.Node) *avroCodec { return &avroCodec{node: n} }

// schema parses the Avro schema once. Each codec has its own cache of
// named types: the base and the revision may define the same name
// differently.
func (c *avroCodec) schema() (avro.Schema, error) {
	c.once.Do(func() {
		text, err := json.Marshal(c.node.Resolved())
		if err != nil {
			c.err = err
			return
		}
		c.sch, c.err = avro.ParseBytesWithCache(text, "", &avro.SchemaCache{})
	})
	return c.sch, c.err
}

// confluentHeader is the Confluent wire format's prefix: magic byte 0 and
// a 4-byte big-endian schema id.
const confluentHeader = 5

// decode checks that raw is a Confluent-framed Avro body written with the
// codec's schema. It returns the reason when it is not; problem is set
// when the schema itself cannot be used.
func (c *avroCodec) decode(raw []byte) (value any, reason string, problem error) {
	sch, err := c.schema()
	if err != nil {
		return nil, "", fmt.Errorf("the Avro schema cannot be used to decode: %v", err)
	}
	if len(raw) < confluentHeader || raw[0] != 0 {
		return nil, "payload is not Avro in the Confluent wire format (magic byte 0, 4-byte schema id, body)", nil
	}
	_ = binary.BigEndian.Uint32(raw[1:confluentHeader]) // the writer's schema id: no registry to ask
	r := avro.NewReader(nil, 0, avro.WithReaderConfig(avroAPI)).Reset(raw[confluentHeader:])
	r.ReadVal(sch, &value)
	if r.Error != nil {
		return nil, "Avro body does not decode with this schema: " + clip(r.Error.Error(), 160), nil
	}
	r.Peek()
	if !errors.Is(r.Error, io.EOF) {
		return nil, "Avro body has bytes left over after a value of this schema", nil
	}
	return value, "", nil
}
