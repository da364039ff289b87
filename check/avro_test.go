package check

import (
	"encoding/base64"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hamba/avro/v2"
)

// orderWire encodes an Order of testdata/avro/v3 in the Confluent wire
// format. The test's writer schema leaves out logical types, which do not
// change the binary encoding; extra appends the revision's new field.
func orderWire(t *testing.T, status string, extra bool) string {
	t.Helper()
	fields := `{"name":"id","type":"string"},{"name":"customerId","type":"string"},
	  {"name":"status","type":{"type":"enum","name":"Status","symbols":["PLACED","PAID","CANCELLED","SHIPPED"]}},
	  {"name":"total","type":"bytes"},{"name":"placedAt","type":"long"},{"name":"note","type":["null","string"]}`
	value := map[string]any{"id": "6f1c", "customerId": "c-1", "status": status, "total": []byte{0x04, 0xd2},
		"placedAt": int64(1718000000000), "note": nil}
	if extra {
		fields += `,{"name":"salesChannel","type":"string"}`
		value["salesChannel"] = "web"
	}
	sch, err := avro.ParseWithCache(`{"type":"record","name":"Order","fields":[`+fields+`]}`, "", &avro.SchemaCache{})
	if err != nil {
		t.Fatal(err)
	}
	body, err := avro.Marshal(sch, value)
	if err != nil {
		t.Fatal(err)
	}
	wire := append([]byte{0, 0, 0, 0, 42}, body...)
	return base64.StdEncoding.EncodeToString(wire)
}

func TestAvroPayloads(t *testing.T) {
	if _, err := os.Stat("../testdata/avro/v3/base/asyncapi.yaml"); err != nil {
		t.Fatal(err)
	}
	base := load(t, "../testdata/avro/v3/base/asyncapi.yaml")
	rev := load(t, "../testdata/avro/v3/revision/asyncapi.yaml")
	line := func(b64 string) string {
		return fmt.Sprintf(`{"topic":"orders/events","payloadBase64":%q}`, b64)
	}
	capture := strings.Join([]string{
		line(orderWire(t, "PAID", false)),   // written with the base: the revision needs salesChannel
		line(orderWire(t, "SHIPPED", true)), // written with the revision: the base has no SHIPPED
		line(orderWire(t, "PAID", true)),    // written with the revision: the base finds bytes left over
		line(base64.StdEncoding.EncodeToString([]byte(`{"id":"x"}`))),
		`{"topic":"orders/events","payload":{"id":"x"}}`,
	}, "\n")
	r := run(t, base, rev, capture, Options{ShowValues: true})
	c := r.Channels["orders/events"]
	got := fmt.Sprint(c.Seen, c.ValidBase, c.InvalidBase, *c.ValidRevision, *c.RejectedByRevision, c.Undecided)
	if got != "5 1 3 2 1 1" {
		t.Fatalf("seen, validBase, invalidBase, validRevision, rejectedByRevision, undecided = %s\n%+v", got, c)
	}
	if len(c.Rejected) != 1 || !strings.Contains(c.Rejected[0].Reason, "does not decode with this schema") {
		t.Errorf("rejected: %+v", c.Rejected)
	}
	if ex := c.Rejected[0].Examples; len(ex) != 1 || !strings.Contains(ex[0].Value, `"customerId":"c-1"`) {
		t.Errorf("the decoded value should be shown: %+v", ex)
	}
	var reasons []string
	for _, x := range c.Invalid {
		reasons = append(reasons, x.Reason)
	}
	all := strings.Join(reasons, "|")
	for _, want := range []string{"does not decode", "left over", "not Avro in the Confluent wire format"} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q among the base's reasons: %s", want, all)
		}
	}
}
