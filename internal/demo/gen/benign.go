package main

import (
	"crypto/sha256"
	"fmt"
	"time"
)

const (
	system         = `NT AUTHORITY\SYSTEM`
	officeDir      = `C:\Program Files\Microsoft Office\root\Office16\`
	chromeImg      = `C:\Program Files\Google\Chrome\Application\chrome.exe`
	edgeImg        = `C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`
	psImg          = `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`
	cmdImg         = `C:\Windows\System32\cmd.exe`
	svchostImg     = `C:\Windows\System32\svchost.exe`
	defenderDir    = `C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24010.12-0\`
	dcIP           = "10.20.0.10"
	fsIP           = "10.20.0.20"
	portalIP       = "10.20.0.30"
	internalPortal = "portal.medsure.example"
)

// publicIP gives every external name a stable public address.
func publicIP(name string) string {
	s := sha256.Sum256([]byte(name))
	firsts := []int{13, 20, 23, 40, 52, 104, 142, 151, 184, 199}
	return fmt.Sprintf("%d.%d.%d.%d", firsts[int(s[0])%len(firsts)], s[1], s[2], 1+int(s[3])%253)
}

var browsing = []string{
	"www.google.com", "login.microsoftonline.com", "www.availity.com", "www.cms.gov", "www.uhc.com",
	"www.webmd.com", "fonts.gstatic.com", "www.linkedin.com", "news.google.com", "www.caqh.org",
	"apps.availity.com", "www.npiregistry.cms.hhs.gov", "www.icd10data.com", "www.bing.com",
	"medsure.sharepoint.com", "www.youtube.com", "mega.nz",
}

var officeHosts = []string{"outlook.office365.com", "outlook.office.com", "nexus.officeapps.live.com", "officeclient.microsoft.com", "config.edge.skype.com"}
var teamsHosts = []string{"teams.microsoft.com", "presence.teams.microsoft.com", "statics.teams.cdn.office.net", "api.flightproxy.teams.microsoft.com"}
var systemHosts = []string{"ctldl.windowsupdate.com", "settings-win.data.microsoft.com", "time.windows.com", "login.live.com", "wdcp.microsoft.com", "go.microsoft.com"}

// processes that exist on every host before the day starts
func (g *gen) bootHost(h *host) {
	h.services = &proc{h: h, guid: g.procGUID(h, at(6, 0, 0, 0)), pid: 700 + g.rng.IntN(40)*4, image: `C:\Windows\System32\services.exe`, cmd: `C:\Windows\system32\services.exe`, user: system, integrity: "System", logonID: "0x3e7"}
}

// workstation generates one office worker's day on h.
func (g *gen) workstation(h *host) {
	u := h.user
	start := g.between(at(7, 45, 0, 0), at(8, 40, 0, 0))
	end := g.between(at(17, 0, 0, 0), at(18, 30, 0, 0))
	lsass := &proc{h: h, guid: g.procGUID(h, at(6, 0, 0, 0)), pid: 672 + g.rng.IntN(8)*4, image: `C:\Windows\system32\lsass.exe`, cmd: `C:\Windows\system32\lsass.exe`, user: system, integrity: "System", logonID: "0x3e7"}
	h.lsass = lsass

	// logon: interactive session on the workstation, tickets and a share logon
	h.logonID = g.logon(start, h, u, 2, "127.0.0.1", h.name, "", false)
	g.userTickets(g.jitter(start, 400), h, u)
	g.shareLogon(g.jitter(start.Add(20*time.Second), 3000), h, u)
	winlogon := &proc{h: h, guid: g.procGUID(h, start), pid: 600 + g.rng.IntN(20)*4, image: `C:\Windows\System32\winlogon.exe`, cmd: "winlogon.exe", user: system, integrity: "System", logonID: "0x3e7"}
	t := start.Add(2 * time.Second)
	userinit := g.spawn(t, winlogon, `C:\Windows\System32\userinit.exe`, `C:\Windows\system32\userinit.exe`, u.qualified(), "Medium")
	userinit.logonID = h.logonID
	h.explorer = g.spawn(t.Add(900*time.Millisecond), userinit, `C:\Windows\explorer.exe`, `C:\Windows\Explorer.EXE`, u.qualified(), "Medium")
	h.explorer.logonID = h.logonID
	ex := h.explorer
	t = t.Add(5 * time.Second)
	g.spawn(t, ex, `C:\Windows\System32\SecurityHealthSystray.exe`, `"C:\Windows\System32\SecurityHealthSystray.exe"`, u.qualified(), "Medium",
		pe{"10.0.19041.1949", "Windows Security notification icon", winProduct, "Microsoft Corporation", "SecurityHealthSystray.exe"})
	onedrive := g.spawn(g.jitter(t, 3000), ex, `C:\Program Files\Microsoft OneDrive\OneDrive.exe`, `"C:\Program Files\Microsoft OneDrive\OneDrive.exe" /background`, u.qualified(), "Medium")
	g.regSet(g.jitter(t.Add(4*time.Second), 2000), onedrive, `HKU\`+u.sid()+`\Software\Microsoft\Windows\CurrentVersion\Run\OneDrive`, `"C:\Program Files\Microsoft OneDrive\OneDrive.exe" /background`)
	teamsDir := `C:\Users\` + u.name + `\AppData\Local\Microsoft\Teams\`
	upd := g.spawn(g.jitter(t.Add(2*time.Second), 3000), ex, teamsDir+`Update.exe`, `"`+teamsDir+`Update.exe" --processStart "Teams.exe" --process-start-args "--system-initiated"`, u.qualified(), "Medium")
	teams := g.spawn(g.jitter(t.Add(4*time.Second), 2000), upd, teamsDir+`current\Teams.exe`, `"`+teamsDir+`current\Teams.exe" --system-initiated`, u.qualified(), "Medium")
	g.regSet(g.jitter(t.Add(6*time.Second), 2000), upd, `HKU\`+u.sid()+`\Software\Microsoft\Windows\CurrentVersion\Run\com.squirrel.Teams.Teams`, teamsDir+`Update.exe --processStart "Teams.exe" --process-start-args "--system-initiated"`)
	outlook := g.spawn(g.jitter(t.Add(30*time.Second), 60000), ex, officeDir+`OUTLOOK.EXE`, `"`+officeDir+`OUTLOOK.EXE" `, u.qualified(), "Medium")
	h.outlook = outlook
	browserImg := chromeImg
	if g.rng.IntN(3) == 0 {
		browserImg = edgeImg
	}
	browser := g.spawn(g.jitter(t.Add(2*time.Minute), 120000), ex, browserImg, `"`+browserImg+`" `, u.qualified(), "Medium")
	for i := 0; i < 2+g.rng.IntN(3); i++ {
		g.spawn(g.jitter(t.Add(2*time.Minute+time.Duration(i+1)*time.Second), 900), browser, browserImg,
			fmt.Sprintf(`"%s" --type=renderer --no-pre-read-main-dll --lang=en-US --field-trial-handle=%d --renderer-client-id=%d /prefetch:1`, browserImg, 1900+g.rng.IntN(200), 5+i), u.qualified(), "Low")
	}

	// the day's background traffic
	g.traffic(h, browser, browsing, start, end, 55+g.rng.IntN(20), true)
	g.traffic(h, outlook, officeHosts, start, end, 18+g.rng.IntN(8), true)
	g.traffic(h, teams, teamsHosts, start, end, 20+g.rng.IntN(8), true)
	svc := &proc{h: h, guid: g.procGUID(h, at(6, 1, 0, 0)), pid: 1200 + g.rng.IntN(100)*4, image: svchostImg, cmd: `C:\Windows\system32\svchost.exe -k NetworkService -p -s Dnscache`, user: `NT AUTHORITY\NETWORK SERVICE`, integrity: "System", logonID: "0x3e4"}
	g.traffic(h, svc, systemHosts, at(6, 30, 0, 0), at(19, 0, 0, 0), 14+g.rng.IntN(6), false)
	g.traffic(h, onedrive, []string{"medsure-my.sharepoint.com", "g.live.com", "skydrive.wns.windows.com"}, start, end, 10, true)
	// SMB to the file server by the System process
	sysProc := &proc{h: h, guid: "{" + h.guidHead + "-65ed-0001-0000-000000000000}" /* System */, pid: 4, image: "System", cmd: "", user: system, integrity: "System", logonID: "0x3e7"}
	for i := 0; i < 6+g.rng.IntN(6); i++ {
		g.netconn(g.between(start, end), sysProc, fsIP, 445, "FS01.medsure.local")
	}

	// documents opened through the day
	docs := []string{`\\FS01\Claims\2026\03\batch_%d.xlsx`, `\\FS01\Claims\Appeals\appeal_%d.docx`, `\\FS01\Claims\Reports\daily_%d.xlsx`, `C:\Users\` + u.name + `\Documents\notes_%d.docx`}
	for i := 0; i < 3+g.rng.IntN(4); i++ {
		tt := g.between(start.Add(10*time.Minute), end.Add(-20*time.Minute))
		doc := fmt.Sprintf(g.pick(docs), 1000+g.rng.IntN(9000))
		app := "WINWORD.EXE"
		if doc[len(doc)-4:] == "xlsx" {
			app = "EXCEL.EXE"
		}
		p := g.spawn(tt, ex, officeDir+app, fmt.Sprintf(`"%s%s" "%s"`, officeDir, app, doc), u.qualified(), "Medium")
		g.fileCreate(tt.Add(time.Duration(2+g.rng.IntN(20))*time.Second), p, `C:\Users\`+u.name+`\AppData\Roaming\Microsoft\Office\Recent\`+base(doc)+`.LNK`)
		g.regSet(tt.Add(3*time.Second), p, `HKU\`+u.sid()+`\Software\Microsoft\Office\16.0\`+map[string]string{"WINWORD.EXE": "Word", "EXCEL.EXE": "Excel"}[app]+`\User MRU\AD_5F1B2C\File MRU\Item 1`, `[F00000000][T01DA72B1C3E4F000][O00000000]*`+doc)
		g.netconn(tt.Add(time.Second), p, publicIP("nexus.officeapps.live.com"), 443, "")
	}
	// e-mail attachments saved by Outlook and opened
	for i := 0; i < 2+g.rng.IntN(3); i++ {
		tt := g.between(start.Add(15*time.Minute), end.Add(-30*time.Minute))
		dir := `C:\Users\` + u.name + `\AppData\Local\Microsoft\Windows\INetCache\Content.Outlook\` + g.outlookDir(h)
		name := fmt.Sprintf(g.pick([]string{"EOB_%d.pdf", "Provider_Letter_%d.docx", "Member_Inquiry_%d.pdf", "Remittance_%d.pdf"}), 100+g.rng.IntN(900))
		g.fileCreate(tt, outlook, dir+name)
		if name[len(name)-4:] == "docx" {
			g.spawn(tt.Add(2*time.Second), outlook, officeDir+"WINWORD.EXE", fmt.Sprintf(`"%sWINWORD.EXE" /n "%s%s" /o ""`, officeDir, dir, name), u.qualified(), "Medium")
		} else {
			acro := `C:\Program Files\Adobe\Acrobat DC\Acrobat\Acrobat.exe`
			g.spawn(tt.Add(2*time.Second), outlook, acro, fmt.Sprintf(`"%s" "%s%s"`, acro, dir, name), u.qualified(), "Medium",
				pe{"24.1.20643.0", "Adobe Acrobat", "Adobe Acrobat", "Adobe Systems Incorporated", "Acrobat.exe"})
		}
	}
	// downloads from the browser
	for i := 0; i < 1+g.rng.IntN(3); i++ {
		tt := g.between(start.Add(30*time.Minute), end.Add(-time.Hour))
		g.fileCreate(tt, browser, fmt.Sprintf(`C:\Users\%s\Downloads\%s`, u.name, fmt.Sprintf(g.pick([]string{"fee_schedule_%d.pdf", "CMS-1500_%d.pdf", "formulary_2026_%d.xlsx"}), 10+g.rng.IntN(90))))
	}
	// explorer UserAssist and recent docs
	for i := 0; i < 4+g.rng.IntN(4); i++ {
		g.regSet(g.between(start, end), ex, `HKU\`+u.sid()+`\Software\Microsoft\Windows\CurrentVersion\Explorer\RecentDocs\.xlsx\`+fmt.Sprint(g.rng.IntN(20)), "Binary Data")
	}
	// Defender scanning LSASS and a scheduled scan
	for i := 0; i < 2; i++ {
		g.procAccess(g.between(start, end), h.defender(g), lsass, "0x1410", `C:\Windows\SYSTEM32\ntdll.dll+9d4c4|C:\Windows\System32\KERNELBASE.dll+2c13e|`+defenderDir+`mpengine.dll+3f2a1`)
	}
	g.procAccess(g.between(start, end), teams, lsass, "0x1000", `C:\Windows\SYSTEM32\ntdll.dll+9d4c4|C:\Windows\System32\KERNELBASE.dll+2c13e`)
	g.imageLoad(g.jitter(start.Add(3*time.Second), 500), ex, `C:\Windows\System32\ntshrui.dll`, "Shell extensions for sharing", "ntshrui.dll", true)
	g.desktopChurn(h, start, end)
	g.updates(h, g.between(at(11, 0, 0, 0), at(15, 30, 0, 0)))
	g.intune(h, g.between(start.Add(5*time.Minute), start.Add(90*time.Minute)))
	g.gpRefresh(h, start, end)

	// logoff
	g.emit(end, h, chSecurity, 4647,
		kv{"TargetUserSid", u.sid()}, kv{"TargetUserName", u.name}, kv{"TargetDomainName", domain}, kv{"TargetLogonId", h.logonID})
	g.logoff(end.Add(1200*time.Millisecond), h, u, h.logonID, 2)
}

func (g *gen) outlookDir(h *host) string {
	if h.olkDir == "" {
		const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
		b := make([]byte, 8)
		for i := range b {
			b[i] = letters[g.rng.IntN(len(letters))]
		}
		h.olkDir = string(b) + `\`
	}
	return h.olkDir
}

// traffic spreads DNS lookups and connections of p over [from, to).
func (g *gen) traffic(h *host, p *proc, names []string, from, to time.Time, n int, connect bool) {
	for i := 0; i < n; i++ {
		name := g.pick(names)
		ip := publicIP(name)
		if name == internalPortal {
			ip = portalIP
		}
		t := g.between(from, to)
		g.dns(t, p, name, "::ffff:"+ip+";")
		if connect && g.rng.IntN(3) > 0 {
			g.netconn(t.Add(time.Duration(20+g.rng.IntN(200))*time.Millisecond), p, ip, 443, "")
		}
	}
}

// userTickets is the Kerberos traffic of a user logging on.
func (g *gen) userTickets(t time.Time, h *host, u *user) {
	dc := g.hosts["DC01"]
	g.emit(t, dc, chSecurity, 4768,
		kv{"TargetUserName", u.name}, kv{"TargetDomainName", domain}, kv{"TargetSid", u.sid()},
		kv{"ServiceName", "krbtgt"}, kv{"ServiceSid", domainSID + "-502"}, kv{"TicketOptions", "0x40810010"},
		kv{"Status", "0x0"}, kv{"TicketEncryptionType", "0x12"}, kv{"PreAuthType", "2"},
		kv{"IpAddress", "::ffff:" + h.ip}, kv{"IpPort", fmt.Sprint(49152 + g.rng.IntN(16000))})
	for _, svc := range []struct {
		name string
		rid  int
	}{{h.name + "$", h.rid}, {"DC01$", 1000}, {"FS01$", 1104}} {
		g.tgs(g.jitter(t.Add(300*time.Millisecond), 2000), u.name, h.ip, svc.name, svc.rid, "0x12")
	}
}

// shareLogon is a user mapping drives on the file server.
func (g *gen) shareLogon(t time.Time, h *host, u *user) {
	fs := g.hosts["FS01"]
	id := g.logon(t, fs, u, 3, h.ip, h.name, "Kerberos", false)
	for _, share := range []string{"Claims", "Users"} {
		g.emit(t.Add(150*time.Millisecond), fs, chSecurity, 5140,
			kv{"SubjectUserSid", u.sid()}, kv{"SubjectUserName", u.name}, kv{"SubjectDomainName", domain}, kv{"SubjectLogonId", id},
			kv{"ObjectType", "File"}, kv{"IpAddress", h.ip}, kv{"IpPort", fmt.Sprint(49152 + g.rng.IntN(16000))},
			kv{"ShareName", `\\*\` + share}, kv{"ShareLocalPath", `\??\D:\Shares\` + share}, kv{"AccessMask", "0x1"}, kv{"AccessList", "%%4416"})
	}
	for i := 0; i < 20+g.rng.IntN(16); i++ {
		tt := g.between(t, at(17, 0, 0, 0))
		write := g.rng.IntN(4) == 0
		mask, list := "0x1", "%%4416"
		if write {
			mask, list = "0x2", "%%4417"
		}
		g.emit(tt, fs, chSecurity, 5145,
			kv{"SubjectUserSid", u.sid()}, kv{"SubjectUserName", u.name}, kv{"SubjectDomainName", domain}, kv{"SubjectLogonId", id},
			kv{"ObjectType", "File"}, kv{"IpAddress", h.ip}, kv{"IpPort", fmt.Sprint(49152 + g.rng.IntN(16000))},
			kv{"ShareName", `\\*\Claims`}, kv{"ShareLocalPath", `\??\D:\Shares\Claims`},
			kv{"RelativeTargetName", fmt.Sprintf(g.pick([]string{`2026\03\batch_%d.xlsx`, `Appeals\appeal_%d.docx`, `Reports\daily_%d.xlsx`, `Inbox\scan_%d.pdf`}), 1000+g.rng.IntN(9000))},
			kv{"AccessMask", mask}, kv{"AccessList", list}, kv{"AccessReason", "-"})
	}
	g.logoff(at(17, 5, 0, 0).Add(time.Duration(g.rng.IntN(3600))*time.Second), fs, u, id, 3)
}

// gpRefresh is the periodic machine logon to the DC for Group Policy.
func (g *gen) gpRefresh(h *host, from, to time.Time) {
	dc := g.hosts["DC01"]
	machine := &user{name: h.name + "$", rid: h.rid}
	for t := from.Add(time.Duration(g.rng.IntN(90)) * time.Minute); t.Before(to); t = t.Add(90*time.Minute + time.Duration(g.rng.IntN(30))*time.Minute) {
		g.tgs(t, machine.name, h.ip, "DC01$", 1000, "0x12")
		id := g.logon(t.Add(40*time.Millisecond), dc, machine, 3, h.ip, "-", "Kerberos", false)
		g.logoff(t.Add(2*time.Second), dc, machine, id, 3)
		g.netconn(t, h.services, dcIP, 445, "DC01.medsure.local")
	}
}

// defender returns the host's Defender engine process.
func (h *host) defender(g *gen) *proc {
	if h.msmpeng == nil {
		h.msmpeng = &proc{h: h, guid: g.procGUID(h, at(6, 0, 0, 0)), pid: 3000 + g.rng.IntN(200)*4, image: defenderDir + "MsMpEng.exe", cmd: `"` + defenderDir + `MsMpEng.exe"`, user: system, integrity: "System", logonID: "0x3e7"}
	}
	return h.msmpeng
}

// updates is Windows Update and a Defender signature update.
func (g *gen) updates(h *host, t time.Time) {
	wu := &proc{h: h, guid: g.procGUID(h, at(6, 2, 0, 0)), pid: 1400 + g.rng.IntN(100)*4, image: svchostImg, cmd: `C:\Windows\system32\svchost.exe -k netsvcs -p -s wuauserv`, user: system, integrity: "System", logonID: "0x3e7"}
	g.dns(t, wu, "fe3cr.delivery.mp.microsoft.com", "::ffff:"+publicIP("fe3cr.delivery.mp.microsoft.com")+";")
	g.netconn(t.Add(300*time.Millisecond), wu, publicIP("fe3cr.delivery.mp.microsoft.com"), 443, "")
	usoSvc := &proc{h: h, guid: g.procGUID(h, at(6, 2, 0, 0)), pid: 1500 + g.rng.IntN(100)*4, image: svchostImg, cmd: `C:\Windows\system32\svchost.exe -k netsvcs -p -s UsoSvc`, user: system, integrity: "System", logonID: "0x3e7"}
	g.spawn(t.Add(2*time.Second), usoSvc, `C:\Windows\System32\MoUsoCoreWorker.exe`, `C:\Windows\System32\mousocoreworker.exe -Embedding`, system, "System")
	mp := g.spawn(t.Add(40*time.Second), h.defender(g), defenderDir+`MpCmdRun.exe`, `"`+defenderDir+`MpCmdRun.exe" SignatureUpdate -ScheduleJob -RestrictPrivileges`, system, "System")
	g.fileCreate(t.Add(70*time.Second), mp, fmt.Sprintf(`C:\ProgramData\Microsoft\Windows Defender\Definition Updates\{%s}\mpavdlta.vdm`, g.uuid()))
	g.regSet(t.Add(75*time.Second), h.defender(g), `HKLM\SOFTWARE\Microsoft\Windows Defender\Signature Updates\AVSignatureVersion`, "1.407.512.0")
	g.emit(t.Add(80*time.Second), h, chSystem, 19,
		kv{"updateTitle", "Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.407.512.0) - Current Channel (Broad)"},
		kv{"updateGuid", "{" + g.uuid() + "}"}, kv{"updateRevisionNumber", 200}, kv{"serviceGuid", "{7971f918-a847-4430-9279-4a52d1efe18d}"}).
		withProvider("Microsoft-Windows-WindowsUpdateClient")
	ti := &proc{h: h, guid: g.procGUID(h, t), pid: 1600 + g.rng.IntN(100)*4, image: `C:\Windows\servicing\TrustedInstaller.exe`, cmd: `C:\Windows\servicing\TrustedInstaller.exe`, user: system, integrity: "System", logonID: "0x3e7"}
	g.spawn(t.Add(3*time.Minute), ti, `C:\Windows\WinSxS\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.19041.4165_none_7e1f7e7f3c0b6a1d\TiWorker.exe`, `C:\Windows\winsxs\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.19041.4165_none_7e1f7e7f3c0b6a1d\TiWorker.exe -Embedding`, system, "System")
	if h.user != nil {
		gu := g.spawn(t.Add(10*time.Minute), &proc{h: h, guid: g.procGUID(h, at(6, 0, 0, 0)), pid: 1700 + g.rng.IntN(50)*4, image: `C:\Windows\System32\taskhostw.exe`, cmd: "taskhostw.exe", user: system, integrity: "System", logonID: "0x3e7"},
			`C:\Program Files (x86)\Google\Update\GoogleUpdate.exe`, `"C:\Program Files (x86)\Google\Update\GoogleUpdate.exe" /ua /installsource scheduler`, system, "System")
		g.dns(t.Add(10*time.Minute+time.Second), gu, "update.googleapis.com", "::ffff:"+publicIP("update.googleapis.com")+";")
	}
}

// intune runs a management script with an encoded command (filtered by
// the encoded-command rule) on the host.
func (g *gen) intune(h *host, t time.Time) {
	ime := &proc{h: h, guid: g.procGUID(h, at(6, 0, 0, 0)), pid: 2200 + g.rng.IntN(50)*4, image: `C:\Program Files (x86)\Microsoft Intune Management Extension\AgentExecutor.exe`,
		cmd: `"C:\Program Files (x86)\Microsoft Intune Management Extension\AgentExecutor.exe" -powershell`, user: system, integrity: "System", logonID: "0x3e7"}
	const enc = "UwBlAHQALQBFAHgAZQBjAHUAdABpAG8AbgBQAG8AbABpAGMAeQAgAC0AUwBjAG8AcABlACAAUAByAG8AYwBlAHMAcwAgAEIAeQBwAGEAcwBzADsAIAAmACAAQwA6AFwASQBUAFwAUwBjAHIAaQBwAHQAcwBcAFMAeQBuAGMALQBQAHIAaQBuAHQAZQByAHMALgBwAHMAMQA="
	p := g.spawn(t, ime, psImg, `powershell.exe -NoProfile -ExecutionPolicy Bypass -EncodedCommand `+enc, system, "System")
	g.scriptBlock(t.Add(400*time.Millisecond), p, `Set-ExecutionPolicy -Scope Process Bypass; & C:\IT\Scripts\Sync-Printers.ps1`, "")
	g.scriptBlock(t.Add(900*time.Millisecond), p, `Get-Printer | Where-Object { $_.Name -like '\\FS01\*' } | ForEach-Object { Write-Output $_.Name }`, `C:\IT\Scripts\Sync-Printers.ps1`)
}

// desktopChurn is the steady background of a Windows desktop: brokers,
// search, SmartScreen, browser helpers, screen locks.
func (g *gen) desktopChurn(h *host, start, end time.Time) {
	u := h.user
	svcHost := &proc{h: h, guid: g.procGUID(h, at(6, 0, 0, 0)), pid: 1100 + g.rng.IntN(40)*4, image: svchostImg, cmd: `C:\Windows\system32\svchost.exe -k DcomLaunch -p`, user: system, integrity: "System", logonID: h.logonID}
	churn := []struct{ image, cmd, user, integ string }{
		{`C:\Windows\System32\RuntimeBroker.exe`, `C:\Windows\System32\RuntimeBroker.exe -Embedding`, u.qualified(), "Medium"},
		{`C:\Windows\System32\backgroundTaskHost.exe`, `"C:\Windows\system32\backgroundTaskHost.exe" -ServerName:BackgroundTaskHost.WebAccountBackgroundManagerTask`, u.qualified(), "Low"},
		{`C:\Windows\System32\smartscreen.exe`, `C:\Windows\System32\smartscreen.exe -Embedding`, u.qualified(), "Medium"},
		{`C:\Windows\System32\SearchProtocolHost.exe`, `"C:\Windows\system32\SearchProtocolHost.exe" Global\UsGthrFltPipeMssGthrPipe1_ Global\UsGthrCtrlFltPipeMssGthrPipe1 1 -2147483646 "Software\Microsoft\Windows Search" "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)" "C:\ProgramData\Microsoft\Search\Data\Temp\usgthrsvc" "DownLevelDaemon"`, system, "System"},
		{`C:\Windows\System32\dllhost.exe`, `C:\Windows\system32\DllHost.exe /Processid:{AB8902B4-09CA-4BB6-B78D-A8F59079A8D5}`, u.qualified(), "Medium"},
		{`C:\Windows\System32\taskhostw.exe`, `taskhostw.exe -RegisterDevice -ProtectionStateChanged -FreeNetworkOnly`, system, "System"},
		{`C:\Windows\System32\WUDFHost.exe`, `"C:\Windows\System32\WUDFHost.exe" -HostGUID:{193a1820-d9ac-4997-8c55-be817523f6aa} -IoEventPortName:\UMDFCommunicationPorts\WUDF\HostProcess-3f1c2b -SystemEventPortName:\UMDFCommunicationPorts\WUDF\HostProcess-7a2e41`, `NT AUTHORITY\LOCAL SERVICE`, "System"},
	}
	for i := 0; i < 28+g.rng.IntN(12); i++ {
		c := churn[g.rng.IntN(len(churn))]
		g.spawn(g.between(start, end), svcHost, c.image, c.cmd, c.user, c.integ)
	}
	// screen locks and unlocks
	for i := 0; i < 2+g.rng.IntN(3); i++ {
		t := g.between(start.Add(time.Hour), end.Add(-time.Hour))
		id := g.logon(t, h, u, 7, "127.0.0.1", h.name, "Negotiate", false)
		g.logoff(t.Add(time.Duration(20+g.rng.IntN(60))*time.Minute), h, u, id, 7)
	}
	// the claims application: one ticket per case opened
	dc := g.hosts["DC01"]
	for i := 0; i < 12+g.rng.IntN(10); i++ {
		t := g.between(start, end)
		g.tgs(t, u.name, h.ip, "svc_claimsapp", 1615, "0x12")
		id := g.logon(t.Add(25*time.Millisecond), dc, u, 3, h.ip, "-", "Kerberos", false)
		g.logoff(t.Add(time.Duration(1+g.rng.IntN(5))*time.Second), dc, u, id, 3)
	}
}
