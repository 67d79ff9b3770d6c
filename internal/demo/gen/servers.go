package main

import "time"

// servers generates the domain controller's and the file server's own
// activity, and the IT administrator's legitimate work.
func (g *gen) servers() {
	dc, fs, it := g.hosts["DC01"], g.hosts["FS01"], g.hosts["IT-WS01"]
	for _, h := range []*host{dc, fs} {
		h.lsass = &proc{h: h, guid: g.procGUID(h, at(6, 0, 0, 0)), pid: 640 + g.rng.IntN(8)*4, image: `C:\Windows\system32\lsass.exe`, cmd: `C:\Windows\system32\lsass.exe`, user: system, integrity: "System", logonID: "0x3e7"}
		svc := &proc{h: h, guid: g.procGUID(h, at(6, 1, 0, 0)), pid: 1200 + g.rng.IntN(100)*4, image: svchostImg, cmd: `C:\Windows\system32\svchost.exe -k NetworkService -p -s Dnscache`, user: `NT AUTHORITY\NETWORK SERVICE`, integrity: "System", logonID: "0x3e4"}
		g.traffic(h, svc, systemHosts, at(0, 10, 0, 0), at(23, 50, 0, 0), 25, false)
		for i := 0; i < 3; i++ {
			g.procAccess(g.between(at(6, 0, 0, 0), at(20, 0, 0, 0)), h.defender(g), h.lsass, "0x1410", `C:\Windows\SYSTEM32\ntdll.dll+9e0e4|`+defenderDir+`mpengine.dll+3f2a1`)
		}
		// WMI provider host serving monitoring queries, no children
		wmi := g.spawn(at(6, 5, 12, 331), &proc{h: h, guid: g.procGUID(h, at(6, 0, 0, 0)), pid: 900, image: svchostImg, cmd: `C:\Windows\system32\svchost.exe -k DcomLaunch -p`, user: system, integrity: "System", logonID: "0x3e7"},
			`C:\Windows\System32\wbem\WmiPrvSE.exe`, `C:\Windows\system32\wbem\wmiprvse.exe -secured -Embedding`, `NT AUTHORITY\NETWORK SERVICE`, "System")
		h.wmiprvse = wmi
		g.updates(h, g.between(at(2, 0, 0, 0), at(4, 0, 0, 0)))
		// scheduled maintenance: a task host every hour
		for hr := 0; hr < 24; hr += 3 {
			sched := &proc{h: h, guid: g.procGUID(h, at(6, 0, 0, 0)), pid: 1300, image: svchostImg, cmd: `C:\Windows\system32\svchost.exe -k netsvcs -p -s Schedule`, user: system, integrity: "System", logonID: "0x3e7"}
			g.spawn(at(hr, 7, g.rng.IntN(60), g.rng.IntN(1000)), sched, `C:\Windows\System32\taskhostw.exe`, `taskhostw.exe Install $(Arg0)`, system, "System")
		}
	}
	g.domainController(dc)
	g.fileServer(fs)
	g.admin(it, dc, fs)
}

func (g *gen) domainController(dc *host) {
	// service tickets of the claims application and the nightly jobs
	for i := 0; i < 60; i++ {
		t := g.between(at(8, 45, 0, 0), at(17, 0, 0, 0))
		ws := g.workstations[g.rng.IntN(len(g.workstations))]
		g.tgs(t, ws.user.name, ws.ip, "svc_claimsapp", 1615, "0x12")
		id := g.logon(t.Add(30*time.Millisecond), dc, ws.user, 3, ws.ip, "-", "Kerberos", false)
		g.logoff(t.Add(time.Duration(1+g.rng.IntN(4))*time.Second), dc, ws.user, id, 3)
	}
	for i := 0; i < 40; i++ {
		t := g.between(at(0, 0, 0, 0), at(23, 59, 0, 0))
		g.tgs(t, "svc_sql", "10.20.0.40", "FS01$", 1104, "0x12")
	}
	// the legacy claims-imaging scanner still asks for RC4 tickets: a known,
	// documented false positive of the Kerberoasting rule
	scan := g.users["svc_scan"]
	for _, t := range []time.Time{at(8, 2, 11, 408), at(13, 2, 9, 775)} {
		g.tgs(t, scan.name, "10.20.3.15", "svc_claimsapp", 1615, "0x17")
	}
	// domain controllers replicate, resolve and serve LDAP
	ntds := &proc{h: dc, guid: dc.lsass.guid, pid: dc.lsass.pid, image: dc.lsass.image, cmd: dc.lsass.cmd, user: system, integrity: "System", logonID: "0x3e7"}
	for i := 0; i < 20; i++ {
		g.netconn(g.between(at(0, 0, 0, 0), at(23, 59, 0, 0)), ntds, "10.20.0.11", 389, "DC02.medsure.local")
	}
}

func (g *gen) fileServer(fs *host) {
	backup := g.users["svc_backup"]
	// the lunchtime backup job: robocopy to the backup server as svc_backup
	t := at(12, 30, 0, 114)
	sched := &proc{h: fs, guid: g.procGUID(fs, at(6, 0, 0, 0)), pid: 1300, image: svchostImg, cmd: `C:\Windows\system32\svchost.exe -k netsvcs -p -s Schedule`, user: system, integrity: "System", logonID: "0x3e7"}
	id := g.logon(t.Add(-2*time.Second), fs, backup, 4, "-", "FS01", "Negotiate", true)
	c := g.spawn(t, sched, cmdImg, `C:\Windows\system32\cmd.exe /c C:\Scripts\nightly_copy.cmd`, backup.qualified(), "High")
	c.logonID = id
	g.spawn(t.Add(300*time.Millisecond), c, `C:\Windows\System32\vssadmin.exe`, `vssadmin list shadows /for=D:`, backup.qualified(), "High")
	rc := g.spawn(t.Add(2*time.Second), c, `C:\Windows\System32\Robocopy.exe`, `robocopy D:\Shares \\BACKUP01\fs01 /MIR /R:1 /W:1 /NP /LOG:C:\Logs\robocopy.log`, backup.qualified(), "High")
	for i := 0; i < 8; i++ {
		g.netconn(t.Add(time.Duration(3+i*40)*time.Second), rc, "10.20.0.50", 445, "BACKUP01.medsure.local")
	}
	g.fileCreate(t.Add(3*time.Second), rc, `C:\Logs\robocopy.log`)
	g.logoff(at(13, 11, 42, 9), fs, backup, id, 4)
}

// admin is r.garcia's legitimate administration: RDP to the DC, AD
// PowerShell, look-ups that resemble discovery but are not.
func (g *gen) admin(it, dc, fs *host) {
	adm := g.users["adm.rgarcia"]
	ex := it.explorer
	t := at(9, 12, 40, 220)
	mstsc := g.spawn(t, ex, `C:\Windows\System32\mstsc.exe`, `"C:\Windows\system32\mstsc.exe" /v:DC01.medsure.local`, it.user.qualified(), "Medium")
	g.netconn(t.Add(time.Second), mstsc, dcIP, 3389, "DC01.medsure.local")
	id := g.logon(t.Add(6*time.Second), dc, adm, 10, it.ip, "IT-WS01", "Negotiate", true)
	winlogon := &proc{h: dc, guid: g.procGUID(dc, t), pid: 5012, image: `C:\Windows\System32\winlogon.exe`, cmd: "winlogon.exe", user: system, integrity: "System", logonID: "0x3e7"}
	dex := g.spawn(t.Add(9*time.Second), winlogon, `C:\Windows\explorer.exe`, `C:\Windows\Explorer.EXE`, adm.qualified(), "High")
	dex.logonID = id
	c := g.spawn(t.Add(40*time.Second), dex, cmdImg, `"C:\Windows\system32\cmd.exe" `, adm.qualified(), "High")
	g.spawn(t.Add(52*time.Second), c, `C:\Windows\System32\whoami.exe`, `whoami /groups`, adm.qualified(), "High")
	g.spawn(t.Add(75*time.Second), c, `C:\Windows\System32\nltest.exe`, `nltest /sc_query:medsure.local`, adm.qualified(), "High")
	g.spawn(t.Add(98*time.Second), c, `C:\Windows\System32\net.exe`, `net user j.doe /domain`, adm.qualified(), "High")
	g.spawn(t.Add(130*time.Second), c, `C:\Windows\System32\dsquery.exe`, `dsquery computer -inactive 8`, adm.qualified(), "High")
	g.spawn(t.Add(170*time.Second), c, `C:\Windows\System32\wevtutil.exe`, `wevtutil qe Security /c:20 /rd:true /f:text`, adm.qualified(), "High")
	g.spawn(t.Add(200*time.Second), c, `C:\Windows\System32\schtasks.exe`, `schtasks /query /fo LIST /v`, adm.qualified(), "High")
	ps := g.spawn(t.Add(4*time.Minute), dex, psImg, `"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe" `, adm.qualified(), "High")
	blocks := []string{
		`Import-Module ActiveDirectory`,
		`Get-ADUser -Filter {Enabled -eq $true -and LastLogonDate -lt $cutoff} -Properties LastLogonDate | Select-Object SamAccountName, LastLogonDate`,
		`Get-ADGroupMember -Identity 'Claims Processors' | Select-Object Name`,
		`& C:\IT\Scripts\Export-Enrollment.ps1 -Month 2026-03`,
		`Get-Service -ComputerName FS01 -Name LanmanServer, Spooler | Format-Table -AutoSize`,
		`Get-MpPreference | Select-Object DisableRealtimeMonitoring, ExclusionPath`,
		`Invoke-WebRequest -Uri https://www.powershellgallery.com/api/v2 -OutFile C:\IT\cache\index.xml`,
	}
	for i, b := range blocks {
		g.scriptBlock(t.Add(4*time.Minute+time.Duration(10+i*35)*time.Second), ps, b, "")
	}
	g.spawn(t.Add(9*time.Minute), ps, `C:\Windows\System32\gpupdate.exe`, `"C:\Windows\system32\gpupdate.exe" /target:computer /force`, adm.qualified(), "High")
	g.logoff(t.Add(41*time.Minute), dc, adm, id, 10)

	// after lunch the admin checks the file server's shadow copies remotely
	t = at(14, 20, 5, 67)
	itps := g.spawn(t, ex, psImg, `"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe" `, it.user.qualified(), "Medium")
	g.scriptBlock(t.Add(20*time.Second), itps, `Invoke-Command -ComputerName FS01 -ScriptBlock { vssadmin list shadows /for=D: }`, "")
	id2 := g.logon(t.Add(21*time.Second), fs, adm, 3, it.ip, "IT-WS01", "Kerberos", true)
	rem := g.spawn(t.Add(22*time.Second), &proc{h: fs, guid: g.procGUID(fs, at(6, 0, 0, 0)), pid: 3880, image: `C:\Windows\System32\wsmprovhost.exe`, cmd: `C:\Windows\system32\wsmprovhost.exe -Embedding`, user: adm.qualified(), integrity: "High", logonID: id2},
		`C:\Windows\System32\vssadmin.exe`, `"C:\Windows\system32\vssadmin.exe" list shadows /for=D:`, adm.qualified(), "High")
	_ = rem
	g.logoff(t.Add(40*time.Second), fs, adm, id2, 3)

	// a help-desk style lookup from the admin workstation
	c2 := g.spawn(at(15, 47, 13, 902), ex, cmdImg, `"C:\Windows\system32\cmd.exe" `, it.user.qualified(), "Medium")
	g.spawn(at(15, 47, 31, 5), c2, `C:\Windows\System32\net.exe`, `net user t.nguyen /domain`, it.user.qualified(), "Medium")
	g.spawn(at(15, 48, 2, 410), c2, `C:\Windows\System32\ipconfig.exe`, `ipconfig /all`, it.user.qualified(), "Medium")
	g.spawn(at(15, 48, 40, 777), c2, `C:\Windows\System32\systeminfo.exe`, `systeminfo`, it.user.qualified(), "Medium")
}
