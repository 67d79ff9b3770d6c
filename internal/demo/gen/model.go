package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

const (
	domain     = "MEDSURE"
	dnsDomain  = "medsure.local"
	domainSID  = "S-1-5-21-3623811015-3361044348-30300820"
	sysmonHash = "SHA256=%s,IMPHASH=%s"
)

var day = time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)

// at returns a time on the demo day.
func at(h, m, s, ms int) time.Time {
	return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(s)*time.Second + time.Duration(ms)*time.Millisecond)
}

type user struct {
	name string
	rid  int
}

func (u *user) qualified() string { return domain + `\` + u.name }
func (u *user) sid() string       { return fmt.Sprintf("%s-%d", domainSID, u.rid) }

type host struct {
	name     string
	ip       string
	user     *user // primary interactive user ("" for servers)
	guidHead string
	nextPID  int
	services *proc // services.exe
	explorer *proc // interactive shell of the primary user
	logonID  string
	rid      int // computer account RID
	lsass    *proc
	outlook  *proc
	msmpeng  *proc
	olkDir   string
	wmiprvse *proc
}

func (h *host) fqdn() string { return h.name + "." + dnsDomain }

// proc is a running process as Sysmon identifies it.
type proc struct {
	h         *host
	guid      string
	pid       int
	image     string
	cmd       string
	user      string
	integrity string
	logonID   string
}

// gen holds the whole generation state; nothing is global, so a run is a
// pure function of the seed.
type gen struct {
	rng    *rand.Rand
	events []*event
	hosts  map[string]*host
	users  map[string]*user
	step   string
	steps  []*stepInfo

	workstations []*host
}

// stepInfo describes one attack step for truth.json.
type stepInfo struct {
	ID          string
	Name        string
	Tactic      string
	Techniques  []string
	Host        string
	Description string
}

func (g *gen) hexN(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[g.rng.IntN(16)]
	}
	return string(b)
}

func (g *gen) between(a, b time.Time) time.Time {
	d := b.Sub(a)
	return a.Add(time.Duration(g.rng.Int64N(int64(d))))
}

// jitter moves t forward by 0..ms milliseconds.
func (g *gen) jitter(t time.Time, ms int) time.Time {
	return t.Add(time.Duration(g.rng.IntN(ms+1)) * time.Millisecond)
}

func (g *gen) pick(xs []string) string { return xs[g.rng.IntN(len(xs))] }

func (g *gen) newLogonID() string { return fmt.Sprintf("0x%x", 0x100000+g.rng.IntN(0x8fffff)) }

func (g *gen) procGUID(h *host, t time.Time) string {
	return fmt.Sprintf("{%s-%s-%04x-%s-%s}", h.guidHead, fmt.Sprintf("%04x", 0x65e0+t.Hour()), 0x0100+g.rng.IntN(0x300), "0000", "0010"+g.hexN(8))
}

func (g *gen) pid(h *host) int {
	h.nextPID += 4 * (1 + g.rng.IntN(60))
	if h.nextPID > 15000 {
		h.nextPID = 1000 + g.rng.IntN(400)*4
	}
	return h.nextPID
}

// hashes derives stable, plausible-looking hashes from the image path.
func hashes(image string) string {
	s := sha256.Sum256([]byte(strings.ToLower(base(image))))
	i := sha256.Sum256(s[:])
	return fmt.Sprintf(sysmonHash, strings.ToUpper(hex.EncodeToString(s[:])), strings.ToUpper(hex.EncodeToString(i[:16])))
}

// pe is a binary's version resource as Sysmon reports it.
type pe struct{ version, desc, product, company, original string }

var winProduct = "Microsoft® Windows® Operating System"

var peInfo = map[string]pe{
	"powershell.exe":      {"10.0.19041.3996 (WinBuild.160101.0800)", "Windows PowerShell", winProduct, "Microsoft Corporation", "PowerShell.EXE"},
	"cmd.exe":             {"10.0.19041.4355 (WinBuild.160101.0800)", "Windows Command Processor", winProduct, "Microsoft Corporation", "Cmd.Exe"},
	"rundll32.exe":        {"10.0.19041.3636 (WinBuild.160101.0800)", "Windows host process (Rundll32)", winProduct, "Microsoft Corporation", "RUNDLL32.EXE"},
	"whoami.exe":          {"10.0.19041.1 (WinBuild.160101.0800)", "whoami - displays logged on user information", winProduct, "Microsoft Corporation", "whoami.exe"},
	"net.exe":             {"10.0.19041.1 (WinBuild.160101.0800)", "Net Command", winProduct, "Microsoft Corporation", "net.exe"},
	"net1.exe":            {"10.0.19041.1 (WinBuild.160101.0800)", "Net Command", winProduct, "Microsoft Corporation", "net1.exe"},
	"nltest.exe":          {"10.0.19041.4355 (WinBuild.160101.0800)", "Microsoft® Logon Server Test Utility", winProduct, "Microsoft Corporation", "nltestrk.exe"},
	"systeminfo.exe":      {"10.0.19041.1 (WinBuild.160101.0800)", "Displays system information", winProduct, "Microsoft Corporation", "sysinfo.exe"},
	"schtasks.exe":        {"10.0.19041.3636 (WinBuild.160101.0800)", "Task Scheduler Configuration Tool", winProduct, "Microsoft Corporation", "schtasks.exe"},
	"reg.exe":             {"10.0.19041.1 (WinBuild.160101.0800)", "Registry Console Tool", winProduct, "Microsoft Corporation", "reg.exe"},
	"wmic.exe":            {"10.0.19041.3636 (WinBuild.160101.0800)", "WMI Commandline Utility", winProduct, "Microsoft Corporation", "wmic.exe"},
	"wmiprvse.exe":        {"10.0.19041.3636 (WinBuild.160101.0800)", "WMI Provider Host", winProduct, "Microsoft Corporation", "Wmiprvse.exe"},
	"ntdsutil.exe":        {"10.0.17763.1 (WinBuild.160101.0800)", "NT5DS", winProduct, "Microsoft Corporation", "ntdsutil.exe"},
	"vssadmin.exe":        {"10.0.17763.1 (WinBuild.160101.0800)", "Command Line Interface for Microsoft® Volume Shadow Copy Service ", winProduct, "Microsoft Corporation", "VSSADMIN.EXE"},
	"bcdedit.exe":         {"10.0.17763.1 (WinBuild.160101.0800)", "Boot Configuration Data Editor", winProduct, "Microsoft Corporation", "bcdedit.exe"},
	"wevtutil.exe":        {"10.0.17763.1 (WinBuild.160101.0800)", "Eventing Command Line Utility", winProduct, "Microsoft Corporation", "wevtutil.exe"},
	"winword.exe":         {"16.0.17928.20156", "Microsoft Word", "Microsoft Office", "Microsoft Corporation", "WinWord.exe"},
	"excel.exe":           {"16.0.17928.20156", "Microsoft Excel", "Microsoft Office", "Microsoft Corporation", "Excel.exe"},
	"outlook.exe":         {"16.0.17928.20156", "Microsoft Outlook", "Microsoft Office", "Microsoft Corporation", "Outlook.exe"},
	"acrord32.exe":        {"24.1.20643.0", "Adobe Acrobat Reader", "Adobe Acrobat Reader", "Adobe Systems Incorporated", "AcroRd32.exe"},
	"chrome.exe":          {"122.0.6261.112", "Google Chrome", "Google Chrome", "Google LLC", "chrome.exe"},
	"msedge.exe":          {"122.0.2365.80", "Microsoft Edge", "Microsoft Edge", "Microsoft Corporation", "msedge.exe"},
	"teams.exe":           {"1.7.00.3653", "Microsoft Teams", "Microsoft Teams", "Microsoft Corporation", "Teams.exe"},
	"update.exe":          {"1.7.00.3653", "Microsoft Teams Update", "Microsoft Teams", "Microsoft Corporation", "Update.exe"},
	"onedrive.exe":        {"24.020.0128.0003", "Microsoft OneDrive", "Microsoft OneDrive", "Microsoft Corporation", "OneDrive.exe"},
	"svchost.exe":         {"10.0.19041.3996 (WinBuild.160101.0800)", "Host Process for Windows Services", winProduct, "Microsoft Corporation", "svchost.exe"},
	"explorer.exe":        {"10.0.19041.4170 (WinBuild.160101.0800)", "Windows Explorer", winProduct, "Microsoft Corporation", "EXPLORER.EXE"},
	"userinit.exe":        {"10.0.19041.1 (WinBuild.160101.0800)", "Userinit Logon Application", winProduct, "Microsoft Corporation", "USERINIT.EXE"},
	"mousocoreworker.exe": {"10.0.19041.4170 (WinBuild.160101.0800)", "MoUSO Core Worker Process", winProduct, "Microsoft Corporation", "MoUsoCoreWorker.exe"},
	"tiworker.exe":        {"10.0.19041.4123 (WinBuild.160101.0800)", "Windows Modules Installer Worker", winProduct, "Microsoft Corporation", "TiWorker.exe"},
	"wuauclt.exe":         {"10.0.19041.4170 (WinBuild.160101.0800)", "Windows Update", winProduct, "Microsoft Corporation", "wuauclt.exe"},
	"mpcmdrun.exe":        {"4.18.24010.12", "Microsoft Malware Protection Command Line Utility", "Microsoft® Windows® Operating System", "Microsoft Corporation", "MpCmdRun.exe"},
	"googleupdate.exe":    {"1.3.36.352", "Google Installer", "Google Update", "Google LLC", "GoogleUpdate.exe"},
	"conhost.exe":         {"10.0.19041.3996 (WinBuild.160101.0800)", "Console Window Host", winProduct, "Microsoft Corporation", "CONHOST.EXE"},
	"taskhostw.exe":       {"10.0.19041.3996 (WinBuild.160101.0800)", "Host Process for Windows Tasks", winProduct, "Microsoft Corporation", "taskhostw.exe"},
	"robocopy.exe":        {"10.0.17763.1 (WinBuild.160101.0800)", "Microsoft Robocopy", winProduct, "Microsoft Corporation", "robocopy.exe"},
	"gpupdate.exe":        {"10.0.19041.1 (WinBuild.160101.0800)", "Microsoft® Group Policy Update Utility", winProduct, "Microsoft Corporation", "gpupdate.exe"},
	"ipconfig.exe":        {"10.0.19041.1 (WinBuild.160101.0800)", "IP Configuration Utility", winProduct, "Microsoft Corporation", "ipconfig.exe"},
	"notepad.exe":         {"10.0.19041.3996 (WinBuild.160101.0800)", "Notepad", winProduct, "Microsoft Corporation", "NOTEPAD.EXE"},
	"mstsc.exe":           {"10.0.19041.3996 (WinBuild.160101.0800)", "Remote Desktop Connection", winProduct, "Microsoft Corporation", "mstsc.exe"},
	"dsquery.exe":         {"10.0.17763.1 (WinBuild.160101.0800)", "AD DS/LDS query command line utility", winProduct, "Microsoft Corporation", "dsquery.exe"},
	"psexesvc.exe":        {"2.43", "PsExec Service", "Sysinternals PsExec", "Sysinternals - www.sysinternals.com", "psexesvc.exe"},
	"agentexecutor.exe":   {"1.75.107.0", "AgentExecutor", "Microsoft Intune Management Extension", "Microsoft Corporation", "AgentExecutor.exe"},
}

// spawn starts a process: it returns the proc and emits Sysmon event 1.
func (g *gen) spawn(t time.Time, parent *proc, image, cmd, user, integrity string, meta ...pe) *proc {
	h := parent.h
	p := &proc{h: h, guid: g.procGUID(h, t), pid: g.pid(h), image: image, cmd: cmd, user: user, integrity: integrity, logonID: parent.logonID}
	if user == "NT AUTHORITY\\SYSTEM" {
		p.logonID = "0x3e7"
	} else if user == "NT AUTHORITY\\NETWORK SERVICE" {
		p.logonID = "0x3e4"
	} else if user == "NT AUTHORITY\\LOCAL SERVICE" {
		p.logonID = "0x3e5"
	}
	info, ok := peInfo[strings.ToLower(base(image))]
	if len(meta) > 0 {
		info, ok = meta[0], true
	}
	if !ok {
		info = pe{"-", "-", "-", "-", "-"}
	}
	dir := image[:strings.LastIndexByte(image, '\\')]
	curDir := dir + `\`
	if strings.HasPrefix(user, domain+`\`) {
		curDir = `C:\Users\` + strings.TrimPrefix(user, domain+`\`) + `\`
		if strings.HasPrefix(strings.ToLower(image), `c:\windows\system32\`) && parent.image != "" && strings.HasSuffix(strings.ToLower(parent.image), `\cmd.exe`) {
			curDir = `C:\Windows\system32\`
		}
	}
	g.emit(t, h, chSysmon, 1,
		kv{"RuleName", "-"},
		kv{"UtcTime", t.UTC().Format("2006-01-02 15:04:05.000")},
		kv{"ProcessGuid", p.guid},
		kv{"ProcessId", p.pid},
		kv{"Image", image},
		kv{"FileVersion", info.version},
		kv{"Description", info.desc},
		kv{"Product", info.product},
		kv{"Company", info.company},
		kv{"OriginalFileName", info.original},
		kv{"CommandLine", cmd},
		kv{"CurrentDirectory", curDir},
		kv{"User", user},
		kv{"LogonGuid", logonGUID(h, p.logonID)},
		kv{"LogonId", p.logonID},
		kv{"TerminalSessionId", terminalSession(user)},
		kv{"IntegrityLevel", integrity},
		kv{"Hashes", hashes(image)},
		kv{"ParentProcessGuid", parent.guid},
		kv{"ParentProcessId", parent.pid},
		kv{"ParentImage", parent.image},
		kv{"ParentCommandLine", parent.cmd},
		kv{"ParentUser", parent.user},
	)
	return p
}

func terminalSession(user string) int {
	if strings.HasPrefix(user, "NT AUTHORITY") {
		return 0
	}
	return 1
}

// sysmonCommon is the header every Sysmon event after EventID 1 carries.
func sysmonCommon(t time.Time, p *proc) []kv {
	return []kv{
		{"RuleName", "-"},
		{"UtcTime", t.UTC().Format("2006-01-02 15:04:05.000")},
		{"ProcessGuid", p.guid},
		{"ProcessId", p.pid},
		{"Image", p.image},
	}
}

func (g *gen) dns(t time.Time, p *proc, name, results string) {
	d := append(sysmonCommon(t, p),
		kv{"QueryName", name},
		kv{"QueryStatus", "0"},
		kv{"QueryResults", results},
		kv{"User", p.user})
	g.emit(t, p.h, chSysmon, 22, d...)
}

func (g *gen) netconn(t time.Time, p *proc, dstIP string, dstPort int, dstHost string) {
	portName := map[int]string{443: "https", 80: "http", 445: "microsoft-ds", 389: "ldap", 88: "kerberos", 135: "epmap", 3389: "ms-wbt-server", 53: "domain"}[dstPort]
	if portName == "" {
		portName = "-"
	}
	d := append(sysmonCommon(t, p),
		kv{"User", p.user},
		kv{"Protocol", "tcp"},
		kv{"Initiated", "true"},
		kv{"SourceIsIpv6", "false"},
		kv{"SourceIp", p.h.ip},
		kv{"SourceHostname", p.h.fqdn()},
		kv{"SourcePort", 49152 + g.rng.IntN(16000)},
		kv{"SourcePortName", "-"},
		kv{"DestinationIsIpv6", "false"},
		kv{"DestinationIp", dstIP},
		kv{"DestinationHostname", dstHost},
		kv{"DestinationPort", dstPort},
		kv{"DestinationPortName", portName})
	g.emit(t, p.h, chSysmon, 3, d...)
}

func (g *gen) fileCreate(t time.Time, p *proc, path string) {
	d := append(sysmonCommon(t, p),
		kv{"TargetFilename", path},
		kv{"CreationUtcTime", t.UTC().Format("2006-01-02 15:04:05.000")},
		kv{"User", p.user})
	g.emit(t, p.h, chSysmon, 11, d...)
}

func (g *gen) regSet(t time.Time, p *proc, key, details string) {
	d := []kv{{"RuleName", "-"}, {"EventType", "SetValue"}}
	d = append(d, sysmonCommon(t, p)[1:]...)
	d = append(d, kv{"TargetObject", key}, kv{"Details", details}, kv{"User", p.user})
	g.emit(t, p.h, chSysmon, 13, d...)
}

func (g *gen) procAccess(t time.Time, src, dst *proc, access, trace string) {
	g.emit(t, src.h, chSysmon, 10,
		kv{"RuleName", "-"},
		kv{"UtcTime", t.UTC().Format("2006-01-02 15:04:05.000")},
		kv{"SourceProcessGUID", src.guid},
		kv{"SourceProcessId", src.pid},
		kv{"SourceThreadId", src.pid + 4 + g.rng.IntN(400)*4},
		kv{"SourceImage", src.image},
		kv{"TargetProcessGUID", dst.guid},
		kv{"TargetProcessId", dst.pid},
		kv{"TargetImage", dst.image},
		kv{"GrantedAccess", access},
		kv{"CallTrace", trace},
		kv{"SourceUser", src.user},
		kv{"TargetUser", dst.user})
}

func (g *gen) imageLoad(t time.Time, p *proc, dll, desc, orig string, signed bool) {
	sig, status := "Microsoft Windows", "Valid"
	if !signed {
		sig, status = "-", "Unavailable"
	}
	d := append(sysmonCommon(t, p),
		kv{"ImageLoaded", dll},
		kv{"FileVersion", "-"},
		kv{"Description", desc},
		kv{"Product", "-"},
		kv{"Company", "-"},
		kv{"OriginalFileName", orig},
		kv{"Hashes", hashes(dll)},
		kv{"Signed", fmt.Sprint(signed)},
		kv{"Signature", sig},
		kv{"SignatureStatus", status},
		kv{"User", p.user})
	g.emit(t, p.h, chSysmon, 7, d...)
}

func (g *gen) scriptBlock(t time.Time, p *proc, text, path string) {
	g.emit(t, p.h, chPS, 4104,
		kv{"MessageNumber", 1},
		kv{"MessageTotal", 1},
		kv{"ScriptBlockText", text},
		kv{"ScriptBlockId", g.uuid()},
		kv{"Path", path})
}

func (g *gen) uuid() string {
	return g.hexN(8) + "-" + g.hexN(4) + "-4" + g.hexN(3) + "-" + g.pick([]string{"8", "9", "a", "b"}) + g.hexN(3) + "-" + g.hexN(12)
}

// logon emits Security 4624 on h (and 4672 for privileged accounts).
func (g *gen) logon(t time.Time, h *host, u *user, logonType int, srcIP, srcHost, pkg string, privileged bool) string {
	id := g.newLogonID()
	proc, procName := "-", "-"
	lp := "Kerberos"
	if pkg == "NTLM" {
		lp = "NtLmSsp "
	}
	if logonType == 2 || logonType == 10 || logonType == 11 {
		proc, procName, lp = "0x2a4", `C:\Windows\System32\svchost.exe`, "User32 "
	}
	if logonType == 3 && pkg == "" {
		pkg = "Kerberos"
	}
	auth := pkg
	if auth == "" {
		auth = "Negotiate"
	}
	g.emit(t, h, chSecurity, 4624,
		kv{"SubjectUserSid", "S-1-0-0"},
		kv{"SubjectUserName", "-"},
		kv{"SubjectDomainName", "-"},
		kv{"SubjectLogonId", "0x0"},
		kv{"TargetUserSid", u.sid()},
		kv{"TargetUserName", u.name},
		kv{"TargetDomainName", domain},
		kv{"TargetLogonId", id},
		kv{"LogonType", logonType},
		kv{"LogonProcessName", lp},
		kv{"AuthenticationPackageName", auth},
		kv{"WorkstationName", srcHost},
		kv{"LogonGuid", "{00000000-0000-0000-0000-000000000000}"},
		kv{"TransmittedServices", "-"},
		kv{"LmPackageName", "-"},
		kv{"KeyLength", 0},
		kv{"ProcessId", proc},
		kv{"ProcessName", procName},
		kv{"IpAddress", srcIP},
		kv{"IpPort", fmt.Sprint(49152 + g.rng.IntN(16000))},
		kv{"ImpersonationLevel", "%%1833"},
		kv{"ElevatedToken", "%%1843"})
	if privileged {
		g.emit(g.jitter(t, 2), h, chSecurity, 4672,
			kv{"SubjectUserSid", u.sid()},
			kv{"SubjectUserName", u.name},
			kv{"SubjectDomainName", domain},
			kv{"SubjectLogonId", id},
			kv{"PrivilegeList", "SeSecurityPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeRestorePrivilege\n\t\t\tSeTakeOwnershipPrivilege\n\t\t\tSeDebugPrivilege\n\t\t\tSeSystemEnvironmentPrivilege\n\t\t\tSeLoadDriverPrivilege\n\t\t\tSeImpersonatePrivilege\n\t\t\tSeDelegateSessionUserImpersonatePrivilege"})
	}
	return id
}

func (g *gen) logoff(t time.Time, h *host, u *user, id string, logonType int) {
	g.emit(t, h, chSecurity, 4634,
		kv{"TargetUserSid", u.sid()},
		kv{"TargetUserName", u.name},
		kv{"TargetDomainName", domain},
		kv{"TargetLogonId", id},
		kv{"LogonType", logonType})
}

// tgs emits a Kerberos service ticket request on the domain controller.
func (g *gen) tgs(t time.Time, client string, clientIP string, service string, serviceRID int, enc string) {
	g.emit(t, g.hosts["DC01"], chSecurity, 4769,
		kv{"TargetUserName", client + "@" + strings.ToUpper(dnsDomain)},
		kv{"TargetDomainName", strings.ToUpper(dnsDomain)},
		kv{"ServiceName", service},
		kv{"ServiceSid", fmt.Sprintf("%s-%d", domainSID, serviceRID)},
		kv{"TicketOptions", "0x40810000"},
		kv{"TicketEncryptionType", enc},
		kv{"IpAddress", "::ffff:" + clientIP},
		kv{"IpPort", fmt.Sprint(49152 + g.rng.IntN(16000))},
		kv{"Status", "0x0"},
		kv{"LogonGuid", "{" + g.uuid() + "}"},
		kv{"TransmittedServices", "-"})
}

// logonGUID derives Sysmon's LogonGuid from the host and the logon ID, so
// every process of one logon session shares it.
func logonGUID(h *host, logonID string) string {
	var n uint64
	fmt.Sscanf(logonID, "0x%x", &n)
	return fmt.Sprintf("{%s-65ed-%04x-%04x-000000000000}", h.guidHead, (n>>16)&0xffff, n&0xffff)
}
