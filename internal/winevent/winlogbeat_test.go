package winevent

import "testing"

func TestFromWinlogbeat(t *testing.T) {
	cases := []struct {
		name, json string
		want       map[string]string // Text of each field
		absent     []string
	}{
		{"ecs 7.x", `{"@timestamp":"2026-03-10T09:41:12.345Z","message":"Process Create","host":{"name":"ws03"},
			"winlog":{"channel":"Microsoft-Windows-Sysmon/Operational","event_id":1,"provider_name":"Microsoft-Windows-Sysmon",
			"provider_guid":"{5770385f-c22a-43e0-bf4c-06f5698ffbd9}","computer_name":"WS03.medsure.local","record_id":4711,
			"process":{"pid":2300,"thread":{"id":3160}},"user":{"identifier":"S-1-5-18"},
			"event_data":{"Image":"C:\\Windows\\System32\\cmd.exe","CommandLine":"cmd.exe /c whoami ","User":"MEDSURE\\eve"}}}`,
			map[string]string{"Channel": "Microsoft-Windows-Sysmon/Operational", "EventID": "1", "Provider_Name": "Microsoft-Windows-Sysmon",
				"Provider_Guid": "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}", "Computer": "WS03.medsure.local", "EventRecordID": "4711",
				"Execution_ProcessID": "2300", "Execution_ThreadID": "3160", "Security_UserID": "S-1-5-18",
				"TimeCreated": "2026-03-10T09:41:12.345Z", "Image": `C:\Windows\System32\cmd.exe`,
				"CommandLine": "cmd.exe /c whoami", "User": `MEDSURE\eve`, "message": "Process Create"},
			[]string{"winlog"}},
		{"ecs event_id as text, user_data", `{"winlog":{"channel":"Security","event_id":"1102","provider_name":"Microsoft-Windows-Eventlog",
			"user_data":{"LogFileCleared":{"SubjectUserName":"eve","SubjectDomainName":"MEDSURE"}}}}`,
			map[string]string{"Channel": "Security", "EventID": "1102", "SubjectUserName": "eve", "SubjectDomainName": "MEDSURE"}, nil},
		{"6.x / HELK", `{"log_name":"Security","event_id":4688,"source_name":"Microsoft-Windows-Security-Auditing","computer_name":"DC01",
			"record_number":"99","event_data":{"NewProcessName":"C:\\Windows\\System32\\whoami.exe","SubjectUserName":"eve"}}`,
			map[string]string{"Channel": "Security", "EventID": "4688", "Provider_Name": "Microsoft-Windows-Security-Auditing",
				"Computer": "DC01", "EventRecordID": "99", "NewProcessName": `C:\Windows\System32\whoami.exe`, "SubjectUserName": "eve"},
			[]string{"event_data"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Normalise(decode(t, c.json))
			for k, v := range c.want {
				if g, ok := got[k]; !ok || Text(g) != v {
					t.Errorf("%s = %q (present %v), want %q", k, Text(g), ok, v)
				}
			}
			for _, k := range c.absent {
				if _, ok := got[k]; ok {
					t.Errorf("%s kept: %v", k, got[k])
				}
			}
		})
	}
}

// Shapes that only look similar stay as they are.
func TestFromWinlogbeatRejects(t *testing.T) {
	for _, s := range []string{
		`{"winlog":"text"}`,
		`{"winlog":{"channel":"Security"}}`,
		`{"log_name":"app.log","level":"info"}`,
		`{"Channel":"Security","EventID":4624}`,
	} {
		if _, ok := FromWinlogbeat(decode(t, s)); ok {
			t.Errorf("%s taken as Winlogbeat", s)
		}
	}
}
