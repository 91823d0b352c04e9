# tests/bench/generate --postcodes FILE [--rows N]: a synthetic ONS Postcode Directory (ONSPD)
# CSV of N rows (2.7 M by default, the real directory's size) for timing
# `referrals import-postcodes` on a full file. The columns are the ONSPD's own, in its order and
# quoting (as tests/http/data/onspd_sample.csv); the importer reads pcds, doterm and the latest
# ladNNcd. Postcodes are unique and valid, in the areas of the demo's local authorities, each
# with that authority's code (sql/demo/010_reference.sql): every row is taken. One in three is
# terminated, as in the real directory.
#
#   awk -v rows=N -f postcodes.awk

BEGIN {
	if (rows == "") rows = 2700000
	letters = "ABDEFGHJLNPQRSTUWXYZ"
	# area, local authority code; TS is two authorities (below)
	n = split("TS BS TR PL M L S NE B LS NW WC SW W CF EH G BT", area, " ")
	split("E06000002 E06000023 E06000052 E06000052 E08000003 E08000012 E08000019 E08000021 E08000025 E08000035 E09000007 E09000007 E09000033 E09000033 W06000015 S12000036 S12000049 N09000003", code, " ")
	print "pcd7,pcd8,pcds,dointr,doterm,usrtypind,east1m,north1m,gridind,oa21cd,cty25cd,ced25cd,lad25cd,wd25cd,nhser24cd,ctry25cd,rgn25cd,pcon24cd,ttwa15cd,itl25cd,npark16cd,lsoa21cd,msoa21cd,wz11cd,sicbl24cd,bua24cd,ruc21ind,oac11ind,lat,long,lep21cd1,lep21cd2,pfa23cd,imd20ind,icb23cd"
	for (i = 0; i < rows; i++) {
		a = i % n + 1
		j = int(i / n)
		# each area: districts of 4,000 postcodes (10 sectors of 400 units)
		district = 1 + int(j / 4000)
		outward = area[a] district
		inward = (int(j / 400) % 10) substr(letters, int((j % 400) / 20) + 1, 1) substr(letters, j % 20 + 1, 1)
		la = code[a]
		if (area[a] == "TS" && district >= 24) la = "E06000001"
		pcd7 = sprintf("%-4s%s", outward, inward)
		pcd8 = sprintf("%-5s%s", outward, inward)
		terminated = (i % 3 == 2) ? sprintf("%d%02d", 1990 + i % 34, 1 + i % 12) : ""
		printf "\"%s\",\"%s\",\"%s %s\",\"198001\",\"%s\",\"0\",\"%d\",\"%d\",\"1\",\"E00000000\",\"E99999999\",\"E99999999\",\"%s\",\"E05000000\",\"E40000001\",\"E92000001\",\"E12000003\",\"E14000001\",\"E30000001\",\"E06000001\",\"E65000001\",\"E01000001\",\"E02000001\",\"E33000001\",\"E38000001\",\"E63000001\",\"UN1\",\"3B1\",%.6f,%.6f,\"E37000001\",\"\",\"E23000001\",%d,\"E54000001\"\n", \
			pcd7, pcd8, outward, inward, terminated, 400000 + i % 99991, 300000 + i % 99989, la, \
			50 + (i % 4000) / 1000, -3 + (i % 3000) / 1000, 1 + i % 32844
	}
}
